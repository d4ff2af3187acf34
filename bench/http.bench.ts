/**
 * npm run bench:http
 *
 * (a) baseline: a bare Nest + Fastify route validating a 10-field DTO and echoing it, no auth;
 * (b) the service's authenticated echo route (API key through every guard, pipe, interceptor,
 *     the rate limiter, security headers and metrics that real routes use).
 * Both run in this process; autocannon runs in a child process. Rounds alternate a and b so
 * both see the same machine. Target: (b) at least 70% of (a).
 * Environment: BENCH_DURATION (seconds per run, default 10), BENCH_ROUNDS (default 2),
 * BENCH_CONNECTIONS (default 50).
 */
import { compareAlternating, formatLoad, runLoad } from './support/http-load.js';
import { BENCH_OPERATOR_KEY, scratchPostgres, startBaseline, startService } from './support/servers.js';
import { runWithStartOptions } from './support/node-options.js';

// The service runs in this process: with the Node options `npm start` gives it.
runWithStartOptions();

const duration = Number(process.env.BENCH_DURATION ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

export const ECHO_BODY = {
  requestId: 'bench-1',
  branchCode: '0101',
  channel: 'COUNTER',
  name: '张三',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  age: 30,
  consent: true,
  requestedAt: '2026-11-21T10:00:00+08:00',
  note: 'benchmark',
};

async function main(): Promise<void> {
  const db = await scratchPostgres('bench_http');
  const baseline = await startBaseline();
  const service = await startService({ DATABASE_URL: db.url });
  try {
    const a = () => runLoad({ url: baseline.url, method: 'POST', body: ECHO_BODY, connections, durationSeconds: duration });
    const b = () => runLoad({ url: `${service.url}/v1/diagnostics/echo`, method: 'POST', body: ECHO_BODY, headers: { 'x-api-key': BENCH_OPERATOR_KEY }, connections, durationSeconds: duration });
    await runLoad({ url: baseline.url, method: 'POST', body: ECHO_BODY, connections, durationSeconds: 2 });
    await runLoad({ url: `${service.url}/v1/diagnostics/echo`, method: 'POST', body: ECHO_BODY, headers: { 'x-api-key': BENCH_OPERATOR_KEY }, connections, durationSeconds: 2 });
    const r = await compareAlternating(rounds, a, b);
    console.log(`bench:http  autocannon -c ${connections} -d ${duration}, ${rounds} alternating rounds, Node ${process.version}`);
    console.log(formatLoad('(a) baseline: Nest+Fastify 10-field DTO echo', r.a));
    console.log(formatLoad('(b) authenticated echo through the full stack', r.b));
    const ratio = r.b.requestsPerSecond / r.a.requestsPerSecond;
    console.log(`(b)/(a) throughput ratio: ${(ratio * 100).toFixed(1)}% (target >= 70%) ${ratio >= 0.7 ? 'MET' : 'NOT MET'}`);
  } finally {
    await service.close();
    await baseline.close();
    await db.drop();
  }
}

await main();
