import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/**
 * Runs one phase of a benchmark under the V8 CPU profiler when BENCH_CPU_PROFILE names a
 * directory (the service runs in the benchmark's process, so the profile shows where the service
 * spends its time in that phase alone); otherwise just runs it. Open the .cpuprofile file in
 * Chrome DevTools or any profile viewer.
 */
export async function profiled<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    const file = `${dir}/${phase}-${Date.now()}.cpuprofile`;
    await writeFile(file, JSON.stringify(profile));
    process.stdout.write(`   CPU profile of "${phase}": ${file}\n`);
    session.disconnect();
  }
}
