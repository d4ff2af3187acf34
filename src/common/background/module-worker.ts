import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The URL of a module beside `base` (an import.meta.url), given without extension: `.ts` when the
 * caller runs from the TypeScript sources, `.js` when compiled.
 */
export function siblingModule(base: string, path: string): URL {
  return new URL(`${path}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/** The URL of tsx's ESM API, as its package exports it to `import`. */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exported = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
  return new URL(exported, pathToFileURL(manifest)).href;
}

/** A worker thread running the module at `entry` (from `siblingModule`), compiled or under tsx. */
export function spawnModuleWorker(entry: URL, workerData: unknown): Worker {
  if (!entry.href.endsWith('.ts')) return new Worker(entry, { workerData });
  // Running from the TypeScript sources (tests, scripts under tsx): the worker registers tsx's
  // loader through its ESM API (Node 20 does not pass the parent's loader on to workers) before
  // it loads the entry. The compiled service never takes this path.
  const bootstrap = `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
