/**
 * The loading thread of the screening counts' window: reads the openings and applications since
 * an instant from PostgreSQL on its own connection, in one snapshot, and sends them back hashed,
 * as typed-array chunks (moved, not copied). Reading hundreds of thousands of rows on the
 * service's own thread left its request handling some 10% slower for the rest of the process's
 * life (docs/benchmarks.md); here that work, and its garbage, stay in this thread's heap.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { encodeActivity, type ActivityChunk } from '../../domain/screening/index.js';
import { RECENT_ACTIVITY_PAGE, RECENT_ACTIVITY_SQL, toActivityEvent, type RecentActivityRow } from './recent-activity.sql.js';

export interface LoadRequest {
  url: string;
  /** Epoch milliseconds. */
  since: number;
}

export type LoadMessage = { t: 'chunk'; chunk: ActivityChunk } | { t: 'done'; rows: number } | { t: 'error'; message: string };

async function load(request: LoadRequest, port: NonNullable<typeof parentPort>): Promise<void> {
  const client = new pg.Client({ connectionString: request.url, application_name: 'recent-activity-load' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`DECLARE recent_activity NO SCROLL CURSOR FOR ${RECENT_ACTIVITY_SQL}`, [new Date(request.since)]);
    let rows = 0;
    for (;;) {
      const page = await client.query<RecentActivityRow>(`FETCH ${RECENT_ACTIVITY_PAGE} FROM recent_activity`);
      rows += page.rows.length;
      const chunk = encodeActivity(page.rows.map(toActivityEvent));
      const moved = [chunk.lo, chunk.hi, chunk.given, chunk.kind, chunk.institution, chunk.at].map((a) => a.buffer as ArrayBuffer);
      port.postMessage({ t: 'chunk', chunk } satisfies LoadMessage, moved);
      if (page.rows.length < RECENT_ACTIVITY_PAGE) break;
    }
    await client.query('COMMIT');
    port.postMessage({ t: 'done', rows } satisfies LoadMessage);
  } finally {
    await client.end().catch(() => undefined);
  }
}

if (parentPort) {
  const port = parentPort;
  load(workerData as LoadRequest, port).catch((e: unknown) => port.postMessage({ t: 'error', message: e instanceof Error ? e.message : String(e) } satisfies LoadMessage));
}
