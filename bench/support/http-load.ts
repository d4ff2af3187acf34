import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AUTOCANNON = require.resolve('autocannon/autocannon.js');

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fixed body, or several that autocannon sends in turn. */
  body?: unknown;
  connections?: number;
  durationSeconds?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * Runs autocannon in a child process (so the load generator never shares the server's event
 * loop) and returns its figures.
 */
export function runLoad(o: LoadOptions): Promise<LoadResult> {
  const args = [AUTOCANNON, '-j', '-c', String(o.connections ?? 50), '-d', String(o.durationSeconds ?? 10), '-m', o.method ?? 'GET'];
  for (const [k, v] of Object.entries({ 'content-type': 'application/json', ...o.headers })) args.push('-H', `${k}=${v}`);
  if (o.body !== undefined) args.push('-b', JSON.stringify(o.body));
  args.push(o.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err}`));
      const r = JSON.parse(out) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
      };
      resolve({ requestsPerSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors });
    });
  });
}

export function formatLoad(name: string, r: LoadResult): string {
  return `${name.padEnd(48)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50Ms).padStart(3)} ms  p99 ${String(r.p99Ms).padStart(3)} ms  (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`;
}

/** Runs the pair several times, alternating, so both see the same machine conditions. */
export async function compareAlternating(
  rounds: number,
  a: () => Promise<LoadResult>,
  b: () => Promise<LoadResult>,
): Promise<{ a: LoadResult; b: LoadResult }> {
  const as: LoadResult[] = [];
  const bs: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) {
    as.push(await a());
    bs.push(await b());
  }
  return { a: mean(as), b: mean(bs) };
}

function mean(rs: LoadResult[]): LoadResult {
  const avg = (f: (r: LoadResult) => number): number => rs.reduce((s, r) => s + f(r), 0) / rs.length;
  return {
    requestsPerSecond: avg((r) => r.requestsPerSecond),
    p50Ms: avg((r) => r.p50Ms),
    p99Ms: avg((r) => r.p99Ms),
    requests: rs.reduce((s, r) => s + r.requests, 0),
    non2xx: rs.reduce((s, r) => s + r.non2xx, 0),
    errors: rs.reduce((s, r) => s + r.errors, 0),
  };
}
