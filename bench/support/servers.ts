import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ValidationPipe } from '@nestjs/common';
import pg from 'pg';
import { createApp } from '../../dist/app.factory.js';
import { loadConfig } from '../../dist/config/config.schema.js';
import { openDatabase, type Database } from '../../dist/infra/database/database.js';
import { BaselineModule } from '../../dist/modules/diagnostics/baseline.module.js';

export const BENCH_ADMIN_PASSWORD = 'bench-admin-password-0123';
export const BENCH_OPERATOR_KEY = 'ark_BENCHKEY_0123456789abcdefghijklmnopqrstuvwxyzAB';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

function urlOf(app: NestFastifyApplication): string {
  const a = app.getHttpServer().address();
  return `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
}

/**
 * The yardstick every HTTP figure is compared with: a Nest route on the Fastify adapter that
 * validates the ten-field echo DTO, with no auth, interceptors, logging or database.
 */
export async function startBaseline(): Promise<RunningServer> {
  const app = await NestFactory.create<NestFastifyApplication>(BaselineModule, new FastifyAdapter({ logger: false }), { logger: false });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${urlOf(app)}/baseline/echo`, close: () => app.close() };
}

/** A fresh scratch database on the local PostgreSQL (BENCH_DATABASE_ADMIN_URL to change it). */
export async function scratchPostgres(prefix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const admin = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `${prefix}_${Date.now().toString(36)}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    async drop() {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

/** The whole service, as `npm start` runs it, on the given database (logs at warn). */
export async function startService(env: Record<string, string>): Promise<RunningServer & { database: Database; app: NestFastifyApplication }> {
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    BOOTSTRAP_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    BOOTSTRAP_API_KEY: BENCH_OPERATOR_KEY,
    ...env,
  });
  const database = await openDatabase(config);
  const { app } = await createApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: urlOf(app),
    database,
    app,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
