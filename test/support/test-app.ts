import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import type { Clock } from '../../src/config/config.module.js';
import { loadConfig } from '../../src/config/config.schema.js';
import { openDatabase, type Database } from '../../src/infra/database/database.js';
import { createScratchDatabase, type ScratchDatabase } from './databases.js';

export const ADMIN_USERNAME = 'admin';
export const ADMIN_PASSWORD = 'bootstrap-admin-password-for-tests';
export const OPERATOR_KEY = 'ark_OPERATOR_0123456789abcdefghijklmnopqrstuvwxyzAB';

export interface RequestOptions {
  token?: string;
  apiKey?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

// Response bodies are read loosely in tests.
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApp {
  app: NestFastifyApplication;
  database: Database;
  baseUrl: string;
  logs: string[];
  request<T = any>(method: string, path: string, o?: RequestOptions): Promise<ApiResponse<T>>;
  login(username: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** 'postgres' (default): a scratch database on the local PostgreSQL; 'embedded': in-memory PGlite. */
  storage?: 'postgres' | 'embedded';
  /** Reuse an existing database URL (a second instance on the same database). */
  databaseUrl?: string;
  env?: Record<string, string>;
  clock?: Clock;
}

/** Starts the real service on port 0 over real storage and talks to it with fetch. */
export async function startTestApp(o: TestAppOptions = {}): Promise<TestApp> {
  let scratch: ScratchDatabase | undefined;
  let databaseUrl = o.databaseUrl;
  if (!databaseUrl && (o.storage ?? 'postgres') === 'postgres') {
    scratch = await createScratchDatabase();
    databaseUrl = scratch.url;
  }
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    DATA_DIR: 'memory://',
    BOOTSTRAP_ADMIN_USERNAME: ADMIN_USERNAME,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BOOTSTRAP_API_KEY: OPERATOR_KEY,
    JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
    BLIND_INDEX_KEY: 'test-blind-index-key-that-is-long-enough-012345',
    DB_POOL_SIZE: '4',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...o.env,
  });
  const database = await openDatabase(config);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const { app } = await createApp({ config, database, clock: o.clock, logDestination: sink });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;

  const request = async <T>(method: string, path: string, r: RequestOptions = {}): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.token) headers.authorization = `Bearer ${r.token}`;
    if (r.apiKey) headers['x-api-key'] = r.apiKey;
    let body: string | undefined;
    if (r.rawBody !== undefined) body = r.rawBody;
    else if (r.body !== undefined) body = JSON.stringify(r.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('json') && text.length > 0) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T };
  };
  const login = async (username: string, password: string): Promise<string> => {
    const res = await request<{ accessToken: string }>('POST', '/v1/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  };
  let adminTok: string | undefined;
  return {
    app,
    database,
    baseUrl,
    logs,
    request,
    login,
    async adminToken() {
      adminTok ??= await login(ADMIN_USERNAME, ADMIN_PASSWORD);
      return adminTok;
    },
    async close() {
      await app.close();
      await database.close();
      await scratch?.drop();
    },
  };
}

/** Two instances of the service on one fresh scratch database, as several processes share PostgreSQL in production. */
export interface TwoInstances {
  db: ScratchDatabase;
  a: TestApp;
  b: TestApp;
}

export async function startTwoInstances(prefix: string, o: Omit<TestAppOptions, 'storage' | 'databaseUrl'> = {}): Promise<TwoInstances> {
  const db = await createScratchDatabase(prefix);
  let a: TestApp | undefined;
  try {
    a = await startTestApp({ ...o, databaseUrl: db.url });
    return { db, a, b: await startTestApp({ ...o, databaseUrl: db.url }) };
  } catch (err) {
    await stopInstances(db, a);
    throw err;
  }
}

/** Closes the instances that were started, in the order given, then drops the database. */
export async function stopInstances(db: ScratchDatabase | undefined, ...apps: Array<TestApp | undefined>): Promise<void> {
  for (const app of apps) await app?.close();
  await db?.drop();
}
