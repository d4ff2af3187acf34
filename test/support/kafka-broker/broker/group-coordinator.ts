// Coordinator for every consumer group on the broker: membership (delegated to ConsumerGroup)
// and committed offsets. Both survive a broker restart, as Kafka keeps them in __consumer_offsets.
import { ErrorCode } from '../protocol/error-codes.js';
import type { HeartbeatRequest } from '../protocol/apis/heartbeat.js';
import type { JoinGroupRequest, JoinGroupResponse } from '../protocol/apis/join-group.js';
import type { LeaveGroupRequest, LeaveGroupResponse } from '../protocol/apis/leave-group.js';
import type { OffsetCommitRequest, OffsetCommitResponse } from '../protocol/apis/offset-commit.js';
import type { OffsetFetchRequest, OffsetFetchResponse } from '../protocol/apis/offset-fetch.js';
import type { SyncGroupRequest, SyncGroupResponse } from '../protocol/apis/sync-group.js';
import { ConsumerGroup, type GroupDescription, type GroupSettings } from './consumer-group.js';

export interface CommittedOffset {
  readonly offset: bigint;
  readonly metadata: string | null;
}

type OffsetKey = `${string}\u0000${number}`;

function offsetKey(topic: string, partition: number): OffsetKey {
  return `${topic}\u0000${partition}`;
}

function splitOffsetKey(key: OffsetKey): { topic: string; partition: number } {
  const separator = key.lastIndexOf('\u0000');
  return { topic: key.slice(0, separator), partition: Number(key.slice(separator + 1)) };
}

export class GroupCoordinator {
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly offsets = new Map<string, Map<OffsetKey, CommittedOffset>>();

  constructor(
    private readonly settings: GroupSettings,
    private readonly partitionExists: (topic: string, partition: number) => boolean,
  ) {}

  private group(groupId: string): ConsumerGroup {
    let group = this.groups.get(groupId);
    if (group === undefined) {
      group = new ConsumerGroup(groupId, this.settings);
      this.groups.set(groupId, group);
    }
    return group;
  }

  describe(groupId: string): GroupDescription | undefined {
    return this.groups.get(groupId)?.describe();
  }

  join(request: JoinGroupRequest, clientId: string, version: number): Promise<JoinGroupResponse> {
    if (request.groupId === '') {
      return Promise.resolve({
        errorCode: ErrorCode.INVALID_GROUP_ID,
        generationId: -1,
        protocolName: '',
        leader: '',
        memberId: request.memberId,
        members: [],
      });
    }
    return this.group(request.groupId).join(request, clientId, version);
  }

  sync(request: SyncGroupRequest): Promise<SyncGroupResponse> {
    const group = this.groups.get(request.groupId);
    if (group === undefined) return Promise.resolve({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: Buffer.alloc(0) });
    return group.sync(request);
  }

  heartbeat(request: HeartbeatRequest): number {
    const group = this.groups.get(request.groupId);
    if (group === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    return group.heartbeat(request.generationId, request.memberId);
  }

  leave(request: LeaveGroupRequest): LeaveGroupResponse {
    const group = this.groups.get(request.groupId);
    return {
      errorCode: ErrorCode.NONE,
      members: request.members.map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        errorCode: group === undefined ? ErrorCode.UNKNOWN_MEMBER_ID : group.leave(m.memberId),
      })),
    };
  }

  commit(request: OffsetCommitRequest): OffsetCommitResponse {
    const groupError =
      request.groupId === ''
        ? ErrorCode.INVALID_GROUP_ID
        : this.group(request.groupId).validateCommit(request.generationId, request.memberId);
    let stored = this.offsets.get(request.groupId);
    return {
      topics: request.topics.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((p) => {
          if (groupError !== ErrorCode.NONE) return { partition: p.partition, errorCode: groupError };
          if (!this.partitionExists(topic.topic, p.partition)) {
            return { partition: p.partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
          }
          if (stored === undefined) {
            stored = new Map();
            this.offsets.set(request.groupId, stored);
          }
          stored.set(offsetKey(topic.topic, p.partition), { offset: p.offset, metadata: p.metadata });
          return { partition: p.partition, errorCode: ErrorCode.NONE };
        }),
      })),
    };
  }

  fetchOffsets(request: OffsetFetchRequest): OffsetFetchResponse {
    const stored = this.offsets.get(request.groupId) ?? new Map<OffsetKey, CommittedOffset>();
    const answer = (topic: string, partition: number) => {
      const committed = stored.get(offsetKey(topic, partition));
      return {
        partition,
        offset: committed?.offset ?? -1n,
        metadata: committed?.metadata ?? '',
        errorCode: ErrorCode.NONE,
      };
    };
    if (request.topics !== null) {
      return {
        errorCode: ErrorCode.NONE,
        topics: request.topics.map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => answer(t.topic, p)) })),
      };
    }
    const byTopic = new Map<string, number[]>();
    for (const key of stored.keys()) {
      const { topic, partition } = splitOffsetKey(key);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
    }
    return {
      errorCode: ErrorCode.NONE,
      topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions: partitions.map((p) => answer(topic, p)) })),
    };
  }

  committedOffset(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.offsets.get(groupId)?.get(offsetKey(topic, partition));
  }

  /** A deleted topic's offsets go with it, so a re-created topic starts clean. */
  forgetTopic(topic: string): void {
    for (const stored of this.offsets.values()) {
      for (const key of [...stored.keys()]) if (splitOffsetKey(key).topic === topic) stored.delete(key);
    }
  }

  suspend(): void {
    for (const group of this.groups.values()) group.suspend();
  }

  resume(): void {
    for (const group of this.groups.values()) group.resume();
  }
}
