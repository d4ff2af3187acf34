// SyncGroup (key 14), versions 0..3. The leader's assignments pass through untouched: the
// broker never reads the consumer protocol inside them.
import { ApiKey } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export interface SyncGroupRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly assignments: readonly { memberId: string; assignment: Buffer }[];
}

export interface SyncGroupResponse {
  readonly errorCode: number;
  readonly assignment: Buffer;
}

export const syncGroupCodec: ApiCodec<SyncGroupRequest, SyncGroupResponse> = {
  apiKey: ApiKey.SyncGroup,

  decodeRequest(reader, version) {
    const groupId = reader.string();
    const generationId = reader.int32();
    const memberId = reader.string();
    if (version >= 3) reader.nullableString(); // group instance id
    const assignments = reader.array((a) => ({ memberId: a.string(), assignment: Buffer.from(a.bytes()) }));
    return { groupId, generationId, memberId, assignments };
  },

  encodeResponse(writer, version, response) {
    if (version >= 1) writer.int32(0);
    writer.int16(response.errorCode).bytes(response.assignment);
  },

  errorResponse(_request, errorCode) {
    return { errorCode, assignment: Buffer.alloc(0) };
  },
};
