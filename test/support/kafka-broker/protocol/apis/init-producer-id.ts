// InitProducerId (key 22), versions 0..1: hands idempotent producers their id and epoch.
import { ApiKey } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export interface InitProducerIdRequest {
  readonly transactionalId: string | null;
  readonly transactionTimeoutMs: number;
}

export interface InitProducerIdResponse {
  readonly errorCode: number;
  readonly producerId: bigint;
  readonly producerEpoch: number;
}

export const initProducerIdCodec: ApiCodec<InitProducerIdRequest, InitProducerIdResponse> = {
  apiKey: ApiKey.InitProducerId,

  decodeRequest(reader) {
    return { transactionalId: reader.nullableString(), transactionTimeoutMs: reader.int32() };
  },

  encodeResponse(writer, _version, response) {
    writer.int32(0).int16(response.errorCode).int64(response.producerId).int16(response.producerEpoch);
  },

  errorResponse(_request, errorCode) {
    return { errorCode, producerId: -1n, producerEpoch: -1 };
  },
};
