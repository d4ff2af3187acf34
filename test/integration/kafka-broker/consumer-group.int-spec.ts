// Consumer groups on the test broker: the coordinator's state machine driven directly (fast,
// exact error codes), then three kafkajs consumers sharing partitions, one of which stops
// heartbeating and is evicted while the other two take its partitions over.
import kafkajs, { type Consumer, type Kafka as KafkaClient } from 'kafkajs';
import { ErrorCode, startTestBroker, waitFor, type TestBroker } from '../../support/kafka-broker/index.js';
import { GroupCoordinator } from '../../support/kafka-broker/broker/group-coordinator.js';
import type { JoinGroupRequest, JoinGroupResponse } from '../../support/kafka-broker/protocol/apis/join-group.js';

const { Kafka, logLevel } = kafkajs;

describe('Kafka test broker: group coordinator', () => {
  const SESSION_MS = 300;
  let coordinator: GroupCoordinator;

  function joinRequest(memberId: string, overrides: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
    return {
      groupId: 'g',
      sessionTimeoutMs: SESSION_MS,
      rebalanceTimeoutMs: 2000,
      memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from('subscription') }],
      ...overrides,
    };
  }

  /** Joins as a new member the way kafkajs does (v5: MEMBER_ID_REQUIRED, then again). */
  async function joinNew(clientId: string): Promise<{ memberId: string; joined: Promise<JoinGroupResponse> }> {
    const first = await coordinator.join(joinRequest(''), clientId, 5);
    expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    expect(first.memberId).toMatch(new RegExp(`^${clientId}-`));
    return { memberId: first.memberId, joined: coordinator.join(joinRequest(first.memberId), clientId, 5) };
  }

  function heartbeat(memberId: string, generationId: number): number {
    return coordinator.heartbeat({ groupId: 'g', generationId, memberId });
  }

  beforeEach(() => {
    coordinator = new GroupCoordinator(
      { minSessionTimeoutMs: 10, maxSessionTimeoutMs: 60_000, initialRebalanceDelayMs: 0 },
      () => true,
    );
  });

  afterEach(() => {
    coordinator.suspend();
  });

  it('forms generation 1 with the first member as leader and passes its assignment through', async () => {
    const a = await joinNew('a');
    const joined = await a.joined;
    expect(joined).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, leader: a.memberId, memberId: a.memberId });
    expect(joined.members.map((m) => [m.memberId, m.metadata.toString()])).toEqual([[a.memberId, 'subscription']]);

    const synced = await coordinator.sync({
      groupId: 'g',
      generationId: 1,
      memberId: a.memberId,
      assignments: [{ memberId: a.memberId, assignment: Buffer.from('opaque-assignment') }],
    });
    expect(synced).toEqual({ errorCode: ErrorCode.NONE, assignment: Buffer.from('opaque-assignment') });
    expect(coordinator.describe('g')).toMatchObject({ state: 'Stable', generationId: 1, members: [a.memberId] });
  });

  it('answers REBALANCE_IN_PROGRESS to heartbeats once a new member joins, then ILLEGAL_GENERATION to the old generation', async () => {
    const a = await joinNew('a');
    await a.joined;
    await coordinator.sync({ groupId: 'g', generationId: 1, memberId: a.memberId, assignments: [] });
    expect(heartbeat(a.memberId, 1)).toBe(ErrorCode.NONE);

    const b = await joinNew('b');
    expect(coordinator.describe('g')?.state).toBe('PreparingRebalance');
    expect(heartbeat(a.memberId, 1)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);

    const aAgain = coordinator.join(joinRequest(a.memberId), 'a', 5);
    const [aJoined, bJoined] = await Promise.all([aAgain, b.joined]);
    expect(aJoined.generationId).toBe(2);
    expect(aJoined.leader).toBe(a.memberId);
    expect(aJoined.members.map((m) => m.memberId).sort()).toEqual([a.memberId, b.memberId].sort());
    expect(bJoined.members).toEqual([]); // only the leader sees the member list

    expect(heartbeat(b.memberId, 1)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(heartbeat(b.memberId, 2)).toBe(ErrorCode.NONE);

    // The follower's SyncGroup waits for the leader's, then gets its share.
    const bSync = coordinator.sync({ groupId: 'g', generationId: 2, memberId: b.memberId, assignments: [] });
    await coordinator.sync({
      groupId: 'g',
      generationId: 2,
      memberId: a.memberId,
      assignments: [
        { memberId: a.memberId, assignment: Buffer.from('for-a') },
        { memberId: b.memberId, assignment: Buffer.from('for-b') },
      ],
    });
    expect((await bSync).assignment.toString()).toBe('for-b');
  });

  it('answers UNKNOWN_MEMBER_ID to members it does not know', async () => {
    expect(heartbeat('nobody', 1)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const a = await joinNew('a');
    await a.joined;
    expect(heartbeat('nobody', 1)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await coordinator.join(joinRequest('made-up'), 'x', 5)).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await coordinator.sync({ groupId: 'g', generationId: 1, memberId: 'nobody', assignments: [] })).errorCode).toBe(
      ErrorCode.UNKNOWN_MEMBER_ID,
    );
  });

  it('evicts a member whose heartbeats stop for the session timeout, and its commits then fail', async () => {
    const a = await joinNew('a');
    await a.joined;
    await coordinator.sync({ groupId: 'g', generationId: 1, memberId: a.memberId, assignments: [] });
    const b = await joinNew('b');
    const aAgain = coordinator.join(joinRequest(a.memberId), 'a', 5);
    await Promise.all([aAgain, b.joined]);
    const bSync = coordinator.sync({ groupId: 'g', generationId: 2, memberId: b.memberId, assignments: [] });
    await coordinator.sync({ groupId: 'g', generationId: 2, memberId: a.memberId, assignments: [] });
    await bSync;

    // Only a keeps heartbeating; b falls silent.
    const keepAlive = setInterval(() => heartbeat(a.memberId, coordinator.describe('g')?.generationId ?? 0), SESSION_MS / 4);
    try {
      await waitFor(() => coordinator.describe('g')?.state === 'PreparingRebalance', { description: 'b evicted' });
      expect(coordinator.describe('g')?.members).toEqual([a.memberId]);
      expect(heartbeat(b.memberId, 2)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
      const commit = coordinator.commit({
        groupId: 'g',
        generationId: 2,
        memberId: b.memberId,
        topics: [{ topic: 't', partitions: [{ partition: 0, offset: 5n, metadata: null }] }],
      });
      expect(commit.topics[0].partitions[0].errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);

      const rejoined = await coordinator.join(joinRequest(a.memberId), 'a', 5);
      expect(rejoined).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 3, leader: a.memberId });
    } finally {
      clearInterval(keepAlive);
    }
  });

  it('accepts commits from the current generation only and keeps them per group', async () => {
    const a = await joinNew('a');
    await a.joined;
    await coordinator.sync({ groupId: 'g', generationId: 1, memberId: a.memberId, assignments: [] });
    const offsets = (generationId: number) => ({
      groupId: 'g',
      generationId,
      memberId: a.memberId,
      topics: [{ topic: 't', partitions: [{ partition: 0, offset: 7n, metadata: 'm' }] }],
    });
    expect(coordinator.commit(offsets(0)).topics[0].partitions[0].errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(coordinator.commit(offsets(1)).topics[0].partitions[0].errorCode).toBe(ErrorCode.NONE);
    expect(coordinator.fetchOffsets({ groupId: 'g', topics: [{ topic: 't', partitions: [0, 1] }] }).topics).toEqual([
      {
        topic: 't',
        partitions: [
          { partition: 0, offset: 7n, metadata: 'm', errorCode: ErrorCode.NONE },
          { partition: 1, offset: -1n, metadata: '', errorCode: ErrorCode.NONE },
        ],
      },
    ]);
    expect(coordinator.fetchOffsets({ groupId: 'other', topics: null }).topics).toEqual([]);
  });

  it('rebalances when a member leaves, and empties the group when the last one does', async () => {
    const a = await joinNew('a');
    await a.joined;
    await coordinator.sync({ groupId: 'g', generationId: 1, memberId: a.memberId, assignments: [] });
    expect(coordinator.leave({ groupId: 'g', members: [{ memberId: a.memberId, groupInstanceId: null }] })).toEqual({
      errorCode: ErrorCode.NONE,
      members: [{ memberId: a.memberId, groupInstanceId: null, errorCode: ErrorCode.NONE }],
    });
    expect(coordinator.describe('g')).toMatchObject({ state: 'Empty', generationId: 2, members: [] });
    expect(coordinator.leave({ groupId: 'g', members: [{ memberId: a.memberId, groupInstanceId: null }] }).members[0].errorCode).toBe(
      ErrorCode.UNKNOWN_MEMBER_ID,
    );
  });

  it('refuses session timeouts outside the configured bounds and foreign protocols', async () => {
    const tooShort = await coordinator.join(joinRequest('', { sessionTimeoutMs: 5 }), 'a', 5);
    expect(tooShort.errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    const a = await joinNew('a');
    await a.joined;
    const foreign = await coordinator.join(
      joinRequest('', { protocols: [{ name: 'SomethingElse', metadata: Buffer.alloc(0) }] }),
      'b',
      5,
    );
    expect(foreign.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
  });
});

describe('Kafka test broker: three kafkajs consumers in one group', () => {
  const TOPIC = 'shared-transfers';
  const PARTITIONS = 6;
  const PER_PARTITION = 10;
  let broker: TestBroker;
  let kafka: KafkaClient;
  const consumers: Consumer[] = [];
  let releaseStalled: () => void = () => undefined;

  beforeAll(async () => {
    broker = await startTestBroker();
    broker.createTopic(TOPIC, PARTITIONS);
    kafka = new Kafka({
      clientId: 'group-spec',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 50, retries: 10 },
    });
  });

  afterAll(async () => {
    releaseStalled(); // a stalled eachMessage would hold disconnect() forever
    await Promise.all(consumers.map((c) => c.disconnect()));
    await broker.stop();
  });

  it('shares the partitions and hands a silent member’s partitions to the others', async () => {
    const processed = new Map<string, Set<string>>([
      ['a', new Set()],
      ['b', new Set()],
      ['c', new Set()],
    ]);
    const assignments = new Map<string, number[]>();
    const stalled = new Promise<void>((resolve) => {
      releaseStalled = resolve;
    });
    let cJoins = 0;

    for (const name of ['a', 'b', 'c']) {
      const consumer = kafka.consumer({
        groupId: 'trio',
        sessionTimeout: 6000,
        rebalanceTimeout: 6000,
        heartbeatInterval: 500,
        maxWaitTimeInMs: 200,
      });
      consumers.push(consumer);
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        assignments.set(name, payload.memberAssignment[TOPIC] ?? []);
        if (name === 'c') cJoins += 1;
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          // c takes its first message and then hangs: kafkajs heartbeats only between
          // messages, so c stops heartbeating while keeping its connections open.
          if (name === 'c') await stalled;
          processed.get(name)?.add(`${partition}:${message.offset}`);
        },
      });
    }

    await waitFor(
      () =>
        broker.describeGroup('trio')?.state === 'Stable' &&
        broker.describeGroup('trio')?.members.length === 3 &&
        [...assignments.values()].every((partitions) => partitions.length === 2),
      { description: 'three members with two partitions each' },
    );
    const generationWithThree = broker.describeGroup('trio')?.generationId ?? 0;
    expect(assignments.get('c')).toHaveLength(2);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: TOPIC,
      messages: Array.from({ length: PARTITIONS * PER_PARTITION }, (_, i) => ({
        partition: i % PARTITIONS,
        value: `transfer-${i}`,
      })),
    });
    await producer.disconnect();

    await waitFor(
      () => broker.describeGroup('trio')?.state === 'Stable' && broker.describeGroup('trio')?.members.length === 2,
      { description: 'c evicted after its session timeout', timeoutMs: 20_000 },
    );
    expect(broker.describeGroup('trio')?.generationId).toBeGreaterThan(generationWithThree);
    expect([...(assignments.get('a') ?? []), ...(assignments.get('b') ?? [])].sort()).toEqual([0, 1, 2, 3, 4, 5]);

    const all = Array.from({ length: PARTITIONS }, (_, p) =>
      Array.from({ length: PER_PARTITION }, (_, o) => `${p}:${o}`),
    ).flat();
    await waitFor(
      () => all.every((key) => processed.get('a')?.has(key) || processed.get('b')?.has(key)),
      { description: 'a and b processed every message, c’s partitions included' },
    );
    expect(processed.get('c')?.size).toBe(0);

    // c wakes up as a stale member: the coordinator no longer knows it, so it rejoins.
    const joinsBefore = cJoins;
    releaseStalled();
    await waitFor(() => cJoins > joinsBefore && broker.describeGroup('trio')?.members.length === 3, {
      description: 'c rejoined as a new member',
    });
  }, 60_000);
});
