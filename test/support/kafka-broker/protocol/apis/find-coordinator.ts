// FindCoordinator (key 10), versions 0..2. The single broker coordinates every group and
// transactional id.
import { ApiKey } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export interface FindCoordinatorRequest {
  readonly key: string;
  readonly keyType: number;
}

export interface FindCoordinatorResponse {
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

export const findCoordinatorCodec: ApiCodec<FindCoordinatorRequest, FindCoordinatorResponse> = {
  apiKey: ApiKey.FindCoordinator,

  decodeRequest(reader, version) {
    const key = reader.string();
    const keyType = version >= 1 ? reader.int8() : 0;
    return { key, keyType };
  },

  encodeResponse(writer, version, response) {
    if (version >= 1) writer.int32(0);
    writer.int16(response.errorCode);
    if (version >= 1) writer.nullableString(response.errorMessage);
    writer.int32(response.nodeId).string(response.host).int32(response.port);
  },

  errorResponse(_request, errorCode) {
    return { errorCode, errorMessage: null, nodeId: -1, host: '', port: -1 };
  },
};
