import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Node options `npm start` gives the service (package.json), so a benchmark runs it the same way. */
export function startNodeOptions(): string[] {
  const start = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts['start'] ?? '';
  const words = start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('dist/main.js')).filter((w) => w.startsWith('--'));
}

/**
 * For a benchmark that runs the service in its own process: unless this process already has the
 * Node options `npm start` gives the service (heap sizing decided when Node starts), runs the
 * benchmark again in a process that has them and exits with its status. Call it before any work.
 */
export function runWithStartOptions(): void {
  const missing = startNodeOptions().filter((o) => !process.execArgv.includes(o));
  if (missing.length === 0) return;
  const again = spawnSync(process.execPath, [...missing, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}
