import 'reflect-metadata';
import { loadConfig, ConfigError } from './config/config.schema.js';
import { verifyChain } from './domain/audit/hash-chain.js';
import { openDatabase } from './infra/database/database.js';
import { AuditRepository } from './modules/audit/audit.repository.js';

/**
 * Operator commands that run against the configured database without starting the HTTP server.
 *   npm run cli -- audit:verify     re-computes the audit hash chain; exit code 1 on a break
 */
async function auditVerify(): Promise<number> {
  const config = loadConfig(process.env);
  const db = await openDatabase(config);
  try {
    const repo = new AuditRepository(db.dataSource);
    const r = await verifyChain((after) => repo.page(after, 5000), 5000);
    if (!r.ok) {
      process.stdout.write(`audit chain BROKEN: first break ${r.firstBreak!.kind} at seq ${r.firstBreak!.seq} (${r.checked} records verified before it)\n`);
      return 1;
    }
    process.stdout.write(`audit chain OK: ${r.checked} records; head seq ${r.head?.seq ?? 0} hash ${r.head?.hash ?? '-'}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

const commands: Record<string, () => Promise<number>> = { 'audit:verify': auditVerify };

async function main(): Promise<void> {
  const name = process.argv[2];
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`usage: npm run cli -- <command>\ncommands: ${Object.keys(commands).join(', ')}\n`);
    process.exit(2);
  }
  try {
    process.exit(await command());
  } catch (e) {
    process.stderr.write(`${e instanceof ConfigError ? e.message : e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  }
}

await main();
