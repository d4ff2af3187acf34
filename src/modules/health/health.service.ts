import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export type ReadinessCheck = () => Promise<void>;

/** Readiness: the database always; other dependencies (Kafka) register their own checks. */
@Injectable()
export class HealthService {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(@InjectDataSource() ds: DataSource) {
    this.checks.set('database', async () => {
      await ds.query('SELECT 1');
    });
  }

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  async readiness(timeoutMs = 2000): Promise<{ ready: boolean; checks: Record<string, { status: 'up' | 'down'; error?: string }> }> {
    const results: Record<string, { status: 'up' | 'down'; error?: string }> = {};
    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), timeoutMs)))]);
          results[name] = { status: 'up' };
        } catch (e) {
          results[name] = { status: 'down', error: e instanceof Error ? e.message : String(e) };
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return { ready: Object.values(results).every((r) => r.status === 'up'), checks: results };
  }
}
