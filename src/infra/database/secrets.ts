import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config.schema.js';
import type { AppSecrets } from '../../config/config.module.js';

/**
 * JWT_SECRET and BLIND_INDEX_KEY come from the environment when set. Otherwise they are
 * generated once and kept in the database, so restarts (and other instances on the same
 * database) use the same values. Production deployments should set both explicitly.
 */
export async function resolveSecrets(ds: DataSource, config: AppConfig): Promise<AppSecrets & { generated: string[] }> {
  const generated: string[] = [];
  const get = async (name: string, fromEnv: string | undefined): Promise<string> => {
    if (fromEnv) return fromEnv;
    const fresh = randomBytes(32).toString('base64url');
    const inserted: unknown[] = await ds.query(
      'INSERT INTO platform_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING name',
      [name, fresh],
    );
    if (inserted.length > 0) generated.push(name);
    const rows: Array<{ value: string }> = await ds.query('SELECT value FROM platform_secrets WHERE name = $1', [name]);
    return rows[0]!.value;
  };
  return {
    jwtSecret: await get('JWT_SECRET', config.JWT_SECRET),
    blindIndexKey: await get('BLIND_INDEX_KEY', config.BLIND_INDEX_KEY),
    generated,
  };
}
