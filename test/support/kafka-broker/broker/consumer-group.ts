// One consumer group's membership state machine, after Kafka's classic group coordinator:
// Empty -> PreparingRebalance (members rejoin) -> CompletingRebalance (leader syncs the
// assignment) -> Stable. Members that stop heartbeating are evicted after their session timeout,
// which starts a new generation; stale members get ILLEGAL_GENERATION or UNKNOWN_MEMBER_ID.
import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../protocol/error-codes.js';
import type { GroupProtocol, JoinGroupRequest, JoinGroupResponse } from '../protocol/apis/join-group.js';
import type { SyncGroupRequest, SyncGroupResponse } from '../protocol/apis/sync-group.js';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

export interface GroupSettings {
  readonly minSessionTimeoutMs: number;
  readonly maxSessionTimeoutMs: number;
  /** Kafka's group.initial.rebalance.delay.ms: how long a new group waits for more members. */
  readonly initialRebalanceDelayMs: number;
}

interface Member {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: readonly GroupProtocol[];
  assignment: Buffer;
  joinWaiter: ((response: JoinGroupResponse) => void) | null;
  syncWaiter: ((response: SyncGroupResponse) => void) | null;
  sessionTimer: NodeJS.Timeout | null;
}

export interface GroupDescription {
  readonly state: GroupState;
  readonly generationId: number;
  readonly protocolName: string | null;
  readonly leader: string | null;
  readonly members: readonly string[];
}

function sameProtocols(a: readonly GroupProtocol[], b: readonly GroupProtocol[]): boolean {
  return a.length === b.length && a.every((p, i) => p.name === b[i].name && p.metadata.equals(b[i].metadata));
}

function joinError(errorCode: number, memberId: string): JoinGroupResponse {
  return { errorCode, generationId: -1, protocolName: '', leader: '', memberId, members: [] };
}

export class ConsumerGroup {
  private state: GroupState = 'Empty';
  private generationId = 0;
  private protocolType: string | null = null;
  private protocolName: string | null = null;
  private leader: string | null = null;
  private readonly members = new Map<string, Member>();
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not rejoined yet. */
  private readonly pendingMembers = new Map<string, NodeJS.Timeout>();
  private joinTimer: NodeJS.Timeout | null = null;
  private joinNotBefore = 0;

  constructor(
    readonly groupId: string,
    private readonly settings: GroupSettings,
  ) {}

  describe(): GroupDescription {
    return {
      state: this.state,
      generationId: this.generationId,
      protocolName: this.protocolName,
      leader: this.leader,
      members: [...this.members.keys()],
    };
  }

  join(request: JoinGroupRequest, clientId: string, version: number): Promise<JoinGroupResponse> {
    const { memberId } = request;
    if (request.protocolType === '' || request.protocols.length === 0) {
      return Promise.resolve(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, memberId));
    }
    if (
      request.sessionTimeoutMs < this.settings.minSessionTimeoutMs ||
      request.sessionTimeoutMs > this.settings.maxSessionTimeoutMs
    ) {
      return Promise.resolve(joinError(ErrorCode.INVALID_SESSION_TIMEOUT, memberId));
    }
    if (!this.acceptsProtocols(request.protocolType, request.protocols, memberId)) {
      return Promise.resolve(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, memberId));
    }

    if (memberId === '') {
      const newMemberId = `${clientId}-${randomUUID()}`;
      if (version >= 4) {
        // KIP-394: the member must come back with the id it was given.
        const expiry = setTimeout(() => this.expirePendingMember(newMemberId), request.sessionTimeoutMs);
        expiry.unref();
        this.pendingMembers.set(newMemberId, expiry);
        return Promise.resolve(joinError(ErrorCode.MEMBER_ID_REQUIRED, newMemberId));
      }
      return this.addMemberAndRebalance(newMemberId, request);
    }

    const pending = this.pendingMembers.get(memberId);
    if (pending !== undefined) {
      clearTimeout(pending);
      this.pendingMembers.delete(memberId);
      return this.addMemberAndRebalance(memberId, request);
    }

    const member = this.members.get(memberId);
    if (member === undefined) return Promise.resolve(joinError(ErrorCode.UNKNOWN_MEMBER_ID, memberId));

    const protocolsChanged = !sameProtocols(member.protocols, request.protocols);
    switch (this.state) {
      case 'PreparingRebalance':
        return this.updateMemberAndRebalance(member, request);
      case 'CompletingRebalance':
        if (!protocolsChanged) return Promise.resolve(this.joinResponseFor(member));
        return this.updateMemberAndRebalance(member, request);
      case 'Stable':
        if (memberId === this.leader || protocolsChanged) return this.updateMemberAndRebalance(member, request);
        return Promise.resolve(this.joinResponseFor(member));
      case 'Empty':
        return this.updateMemberAndRebalance(member, request);
    }
  }

  sync(request: SyncGroupRequest): Promise<SyncGroupResponse> {
    const reply = (errorCode: number): Promise<SyncGroupResponse> =>
      Promise.resolve({ errorCode, assignment: Buffer.alloc(0) });
    const member = this.members.get(request.memberId);
    if (member === undefined) return reply(ErrorCode.UNKNOWN_MEMBER_ID);
    if (request.generationId !== this.generationId) return reply(ErrorCode.ILLEGAL_GENERATION);
    switch (this.state) {
      case 'Empty':
        return reply(ErrorCode.UNKNOWN_MEMBER_ID);
      case 'PreparingRebalance':
        return reply(ErrorCode.REBALANCE_IN_PROGRESS);
      case 'Stable':
        this.scheduleSessionExpiry(member);
        return Promise.resolve({ errorCode: ErrorCode.NONE, assignment: member.assignment });
      case 'CompletingRebalance':
        break;
    }
    return new Promise((resolve) => {
      member.syncWaiter = resolve;
      this.scheduleSessionExpiry(member);
      if (request.memberId !== this.leader) return;
      const byMember = new Map(request.assignments.map((a) => [a.memberId, a.assignment]));
      for (const m of this.members.values()) m.assignment = byMember.get(m.memberId) ?? Buffer.alloc(0);
      this.state = 'Stable';
      for (const m of this.members.values()) {
        const waiter = m.syncWaiter;
        m.syncWaiter = null;
        waiter?.({ errorCode: ErrorCode.NONE, assignment: m.assignment });
      }
    });
  }

  heartbeat(generationId: number, memberId: string): number {
    const member = this.members.get(memberId);
    if (member === undefined || this.state === 'Empty') return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    this.scheduleSessionExpiry(member);
    return this.state === 'PreparingRebalance' ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
  }

  leave(memberId: string): number {
    const pending = this.pendingMembers.get(memberId);
    if (pending !== undefined) {
      clearTimeout(pending);
      this.pendingMembers.delete(memberId);
      this.maybeCompleteJoin();
      return ErrorCode.NONE;
    }
    const member = this.members.get(memberId);
    if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.removeMember(member, ErrorCode.UNKNOWN_MEMBER_ID);
    return ErrorCode.NONE;
  }

  /** Whether a commit from this member and generation may be stored. */
  validateCommit(generationId: number, memberId: string): number {
    // A commit outside group management (generation -1, kafkajs admin.setOffsets, a simple
    // consumer) is allowed only while nobody is in the group.
    if (generationId < 0 && memberId === '' && this.state === 'Empty') return ErrorCode.NONE;
    const member = this.members.get(memberId);
    if (member === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (this.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    this.scheduleSessionExpiry(member);
    return ErrorCode.NONE;
  }

  /**
   * Broker stop: timers stop and held requests are answered (their connections are closing).
   * Membership and generation stay, as Kafka reloads them from its log when a coordinator
   * starts, so a restart does not by itself force members to rejoin.
   */
  suspend(): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = null;
    for (const timer of this.pendingMembers.values()) clearTimeout(timer);
    this.pendingMembers.clear();
    for (const member of this.members.values()) {
      if (member.sessionTimer) clearTimeout(member.sessionTimer);
      member.sessionTimer = null;
      const { joinWaiter, syncWaiter } = member;
      member.joinWaiter = null;
      member.syncWaiter = null;
      joinWaiter?.(joinError(ErrorCode.NOT_COORDINATOR, member.memberId));
      syncWaiter?.({ errorCode: ErrorCode.NOT_COORDINATOR, assignment: Buffer.alloc(0) });
    }
  }

  /** Broker start after a stop: sessions restart; an interrupted rebalance starts over. */
  resume(): void {
    if (this.state === 'PreparingRebalance' || this.state === 'CompletingRebalance') this.prepareRebalance();
    for (const member of this.members.values()) this.scheduleSessionExpiry(member);
  }

  private acceptsProtocols(protocolType: string, protocols: readonly GroupProtocol[], memberId: string): boolean {
    if (this.members.size === 0) return true;
    if (protocolType !== this.protocolType) return false;
    // Every other member must support at least one protocol this member offers.
    const others = [...this.members.values()].filter((m) => m.memberId !== memberId);
    return protocols.some((p) => others.every((m) => m.protocols.some((q) => q.name === p.name)));
  }

  private addMemberAndRebalance(memberId: string, request: JoinGroupRequest): Promise<JoinGroupResponse> {
    return new Promise((resolve) => {
      const member: Member = {
        memberId,
        groupInstanceId: request.groupInstanceId,
        sessionTimeoutMs: request.sessionTimeoutMs,
        rebalanceTimeoutMs: request.rebalanceTimeoutMs,
        protocols: request.protocols,
        assignment: Buffer.alloc(0),
        joinWaiter: resolve,
        syncWaiter: null,
        sessionTimer: null,
      };
      this.members.set(memberId, member);
      this.protocolType ??= request.protocolType;
      if (this.state === 'PreparingRebalance') this.maybeCompleteJoin();
      else this.prepareRebalance();
    });
  }

  private updateMemberAndRebalance(member: Member, request: JoinGroupRequest): Promise<JoinGroupResponse> {
    return new Promise((resolve) => {
      // A member that re-sends JoinGroup replaces its earlier, unanswered one.
      member.joinWaiter?.(joinError(ErrorCode.REBALANCE_IN_PROGRESS, member.memberId));
      member.protocols = request.protocols;
      member.sessionTimeoutMs = request.sessionTimeoutMs;
      member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
      member.joinWaiter = resolve;
      if (this.state === 'PreparingRebalance') this.maybeCompleteJoin();
      else this.prepareRebalance();
    });
  }

  private prepareRebalance(): void {
    if (this.state === 'CompletingRebalance') {
      // Members still waiting for their assignment must rejoin the new generation.
      for (const member of this.members.values()) {
        member.assignment = Buffer.alloc(0);
        const waiter = member.syncWaiter;
        member.syncWaiter = null;
        waiter?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: Buffer.alloc(0) });
      }
    }
    const wasEmpty = this.state === 'Empty';
    this.state = 'PreparingRebalance';
    const rebalanceTimeoutMs = Math.max(0, ...[...this.members.values()].map((m) => m.rebalanceTimeoutMs));
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = setTimeout(() => this.onJoinDeadline(), rebalanceTimeoutMs);
    this.joinTimer.unref();
    this.joinNotBefore = 0;
    if (wasEmpty && this.settings.initialRebalanceDelayMs > 0) {
      const delay = Math.min(this.settings.initialRebalanceDelayMs, rebalanceTimeoutMs);
      this.joinNotBefore = Date.now() + delay;
      setTimeout(() => this.maybeCompleteJoin(), delay).unref();
    }
    this.maybeCompleteJoin();
  }

  private maybeCompleteJoin(): void {
    if (this.state !== 'PreparingRebalance') return;
    if (Date.now() < this.joinNotBefore) return;
    const allJoined = [...this.members.values()].every((m) => m.joinWaiter !== null);
    if (allJoined && this.pendingMembers.size === 0) this.completeJoin();
  }

  private onJoinDeadline(): void {
    this.joinTimer = null;
    if (this.state !== 'PreparingRebalance') return;
    // Members that did not rejoin within the rebalance timeout are out of the group.
    for (const member of [...this.members.values()]) {
      if (member.joinWaiter === null) this.dropMember(member);
    }
    for (const timer of this.pendingMembers.values()) clearTimeout(timer);
    this.pendingMembers.clear();
    this.completeJoin();
  }

  private completeJoin(): void {
    if (this.joinTimer) clearTimeout(this.joinTimer);
    this.joinTimer = null;
    this.generationId += 1;
    if (this.members.size === 0) {
      this.state = 'Empty';
      this.leader = null;
      this.protocolName = null;
      this.protocolType = null;
      return;
    }
    this.protocolName = this.selectProtocol();
    if (this.leader === null || !this.members.has(this.leader)) this.leader = this.members.keys().next().value ?? null;
    this.state = 'CompletingRebalance';
    for (const member of this.members.values()) {
      const waiter = member.joinWaiter;
      member.joinWaiter = null;
      waiter?.(this.joinResponseFor(member));
      this.scheduleSessionExpiry(member);
    }
  }

  private joinResponseFor(member: Member): JoinGroupResponse {
    const protocolName = this.protocolName ?? '';
    const isLeader = member.memberId === this.leader;
    return {
      errorCode: ErrorCode.NONE,
      generationId: this.generationId,
      protocolName,
      leader: this.leader ?? '',
      memberId: member.memberId,
      members: isLeader
        ? [...this.members.values()].map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            metadata: m.protocols.find((p) => p.name === protocolName)?.metadata ?? Buffer.alloc(0),
          }))
        : [],
    };
  }

  /** The protocol every member supports that most members list first. */
  private selectProtocol(): string {
    const members = [...this.members.values()];
    const candidates = members[0].protocols
      .map((p) => p.name)
      .filter((name) => members.every((m) => m.protocols.some((p) => p.name === name)));
    const votes = new Map<string, number>(candidates.map((name) => [name, 0]));
    for (const member of members) {
      const choice = member.protocols.find((p) => votes.has(p.name));
      if (choice) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
    }
    let best = candidates[0];
    for (const name of candidates) if ((votes.get(name) ?? 0) > (votes.get(best) ?? 0)) best = name;
    return best;
  }

  private scheduleSessionExpiry(member: Member): void {
    if (member.sessionTimer) clearTimeout(member.sessionTimer);
    member.sessionTimer = setTimeout(() => this.onSessionExpired(member), member.sessionTimeoutMs);
    member.sessionTimer.unref();
  }

  private onSessionExpired(member: Member): void {
    member.sessionTimer = null;
    if (this.members.get(member.memberId) !== member) return;
    // A member blocked in JoinGroup or SyncGroup is alive: the broker holds its request.
    if (member.joinWaiter !== null || member.syncWaiter !== null) {
      this.scheduleSessionExpiry(member);
      return;
    }
    this.removeMember(member, ErrorCode.UNKNOWN_MEMBER_ID);
  }

  private expirePendingMember(memberId: string): void {
    if (this.pendingMembers.delete(memberId)) this.maybeCompleteJoin();
  }

  private dropMember(member: Member): void {
    if (member.sessionTimer) clearTimeout(member.sessionTimer);
    member.sessionTimer = null;
    this.members.delete(member.memberId);
  }

  private removeMember(member: Member, answerWaitersWith: number): void {
    this.dropMember(member);
    member.joinWaiter?.(joinError(answerWaitersWith, member.memberId));
    member.joinWaiter = null;
    member.syncWaiter?.({ errorCode: answerWaitersWith, assignment: Buffer.alloc(0) });
    member.syncWaiter = null;
    if (this.state === 'Stable' || this.state === 'CompletingRebalance') this.prepareRebalance();
    else this.maybeCompleteJoin();
  }
}
