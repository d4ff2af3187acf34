import type { ByteReader } from './byte-reader.js';
import type { ByteWriter } from './byte-writer.js';

/**
 * Wire format of one Kafka API: how its request body is read and its response body written,
 * for every version from 0 (or the advertised minimum) up to the advertised maximum.
 * `errorResponse` builds the answer the broker gives when a test injects an error code: the
 * request is not applied and every error slot of the response carries that code.
 */
export interface ApiCodec<Request, Response> {
  readonly apiKey: number;
  decodeRequest(reader: ByteReader, version: number): Request;
  encodeResponse(writer: ByteWriter, version: number, response: Response): void;
  errorResponse(request: Request, errorCode: number): Response;
}
