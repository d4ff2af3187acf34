// ApiVersions (key 18), versions 0..2. A client asking a newer version (librdkafka starts with
// v3) gets a v0-shaped UNSUPPORTED_VERSION answer listing our ranges, as real brokers do, and
// retries with a version from that list.
import { ApiKey, type VersionRange } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export type ApiVersionsRequest = Record<string, never>;

export interface ApiVersionsResponse {
  readonly errorCode: number;
  readonly apiVersions: readonly VersionRange[];
}

export const apiVersionsCodec: ApiCodec<ApiVersionsRequest, ApiVersionsResponse> = {
  apiKey: ApiKey.ApiVersions,

  decodeRequest() {
    return {};
  },

  encodeResponse(writer, version, response) {
    writer.int16(response.errorCode);
    writer.array(response.apiVersions, (w, range) => {
      w.int16(range.apiKey).int16(range.minVersion).int16(range.maxVersion);
    });
    if (version >= 1) writer.int32(0);
  },

  errorResponse(_request, errorCode) {
    return { errorCode, apiVersions: [] };
  },
};
