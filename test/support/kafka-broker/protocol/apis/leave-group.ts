// LeaveGroup (key 13), versions 0..3. From v3 a request names a batch of members.
import { ApiKey } from '../api-keys.js';
import type { ApiCodec } from '../api-codec.js';

export interface LeaveGroupRequest {
  readonly groupId: string;
  readonly members: readonly { memberId: string; groupInstanceId: string | null }[];
}

export interface LeaveGroupResponse {
  readonly errorCode: number;
  readonly members: readonly { memberId: string; groupInstanceId: string | null; errorCode: number }[];
}

export const leaveGroupCodec: ApiCodec<LeaveGroupRequest, LeaveGroupResponse> = {
  apiKey: ApiKey.LeaveGroup,

  decodeRequest(reader, version) {
    const groupId = reader.string();
    if (version < 3) return { groupId, members: [{ memberId: reader.string(), groupInstanceId: null }] };
    const members = reader.array((m) => ({ memberId: m.string(), groupInstanceId: m.nullableString() }));
    return { groupId, members };
  },

  encodeResponse(writer, version, response) {
    if (version >= 1) writer.int32(0);
    // Before v3 there is only the top-level code, so a per-member failure is reported there.
    const memberError = response.members.find((m) => m.errorCode !== 0)?.errorCode ?? 0;
    writer.int16(version >= 3 ? response.errorCode : response.errorCode || memberError);
    if (version >= 3) {
      writer.array(response.members, (w, m) => {
        w.string(m.memberId).nullableString(m.groupInstanceId).int16(m.errorCode);
      });
    }
  },

  errorResponse(_request, errorCode) {
    return { errorCode, members: [] };
  },
};
