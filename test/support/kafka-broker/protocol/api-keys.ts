// The Kafka APIs the test broker speaks and the version ranges it advertises in ApiVersions.
// The maxima are the versions kafkajs 2.2.4 sends to a real broker, so tests run the same code
// path as production. The minima are 0, as Kafka 2.x and 3.x advertise them: librdkafka turns
// features off (gzip among them) when a broker's range does not reach back to old versions.
// Only magic v2 batches are stored, though: an old-format Produce is refused and an old Fetch
// gets v2 batches without down-conversion.

export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  InitProducerId: 22,
} as const;

export type ApiKeyName = keyof typeof ApiKey;

export interface VersionRange {
  readonly apiKey: number;
  readonly minVersion: number;
  readonly maxVersion: number;
}

export const ADVERTISED_VERSIONS: readonly VersionRange[] = [
  { apiKey: ApiKey.Produce, minVersion: 0, maxVersion: 7 },
  { apiKey: ApiKey.Fetch, minVersion: 0, maxVersion: 11 },
  { apiKey: ApiKey.ListOffsets, minVersion: 0, maxVersion: 3 },
  { apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 6 },
  { apiKey: ApiKey.OffsetCommit, minVersion: 0, maxVersion: 5 },
  { apiKey: ApiKey.OffsetFetch, minVersion: 0, maxVersion: 4 },
  { apiKey: ApiKey.FindCoordinator, minVersion: 0, maxVersion: 2 },
  { apiKey: ApiKey.JoinGroup, minVersion: 0, maxVersion: 5 },
  { apiKey: ApiKey.Heartbeat, minVersion: 0, maxVersion: 3 },
  { apiKey: ApiKey.LeaveGroup, minVersion: 0, maxVersion: 3 },
  { apiKey: ApiKey.SyncGroup, minVersion: 0, maxVersion: 3 },
  { apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 2 },
  { apiKey: ApiKey.CreateTopics, minVersion: 0, maxVersion: 3 },
  // kafkajs 2.2.4 implements DeleteTopics v0 and v1 only.
  { apiKey: ApiKey.DeleteTopics, minVersion: 0, maxVersion: 1 },
  { apiKey: ApiKey.InitProducerId, minVersion: 0, maxVersion: 1 },
];

export function apiName(apiKey: number): string {
  const entry = Object.entries(ApiKey).find(([, key]) => key === apiKey);
  return entry ? entry[0] : `api-key-${apiKey}`;
}

export function advertisedRange(apiKey: number): VersionRange | undefined {
  return ADVERTISED_VERSIONS.find((range) => range.apiKey === apiKey);
}
