import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/config.schema.js';

interface Service {
  image?: string;
  build?: unknown;
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}

const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as { services: Record<string, Service> };

/** Resolves `${VAR:-default}` the way compose does when VAR is unset. */
function withDefaults(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));
}

describe('docker-compose.yml (no Docker engine here: checked by parsing)', () => {
  it('runs the app, PostgreSQL and a single-node KRaft Kafka', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'kafka', 'postgres']);
    expect(compose.services.app!.build).toBeDefined();
    expect(compose.services.postgres!.image).toMatch(/^postgres:/);
    expect(compose.services.kafka!.image).toMatch(/^apache\/kafka:/);
    expect(compose.services.kafka!.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it('wires the app to both through the variables the app reads, and waits for them', () => {
    const app = compose.services.app!;
    const env = withDefaults(app.environment!);
    const db = new URL(env.DATABASE_URL!);
    expect(db.hostname).toBe('postgres');
    expect(db.port).toBe('5432');
    const pg = compose.services.postgres!.environment!;
    expect(db.username).toBe(pg.POSTGRES_USER);
    expect(db.pathname).toBe(`/${pg.POSTGRES_DB}`);
    expect(env.KAFKA_BROKERS).toBe('kafka:9092');
    expect(compose.services.kafka!.environment!.KAFKA_ADVERTISED_LISTENERS).toContain('kafka:9092');
    expect(app.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, kafka: { condition: 'service_healthy' } });
    expect(app.ports).toContain(`${env.PORT}:${env.PORT}`);
  });

  it('passes the app a configuration its own schema accepts', () => {
    const env = withDefaults(compose.services.app!.environment!);
    const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
    const config = loadConfig(cleaned);
    expect(config.embedded).toBe(false);
    expect(config.kafkaBrokers).toEqual(['kafka:9092']);
  });
});
