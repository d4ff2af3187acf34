import { ConfigError, loadConfig, redactedConfig } from './config.schema.js';

describe('loadConfig', () => {
  it('applies defaults and selects the embedded database without DATABASE_URL', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('./data');
    expect(c.embedded).toBe(true);
    expect(c.kafkaBrokers).toEqual([]);
    expect(c.DB_MIGRATIONS_RUN).toBe(true);
  });

  it('parses typed values', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h:5432/db', KAFKA_BROKERS: 'a:9092,b:9093', DB_MIGRATIONS_RUN: 'false' });
    expect(c.PORT).toBe(8080);
    expect(c.embedded).toBe(false);
    expect(c.kafkaBrokers).toEqual(['a:9092', 'b:9093']);
    expect(c.DB_MIGRATIONS_RUN).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ KAFKA_BROKERS: 'no-port' }, 'KAFKA_BROKERS'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ BOOTSTRAP_API_KEY: 'abc' }, 'BOOTSTRAP_API_KEY'],
    [{ BOOTSTRAP_ADMIN_PASSWORD: 'short' }, 'BOOTSTRAP_ADMIN_PASSWORD'],
  ])('rejects %j naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(variable);
  });

  it('never shows secret values in errors or redacted output', () => {
    expect(() => loadConfig({ JWT_SECRET: 'tiny-secret' })).toThrow(/secret, not shown/);
    const c = loadConfig({ JWT_SECRET: 'x'.repeat(40) });
    expect(redactedConfig(c).JWT_SECRET).toBe('[secret]');
  });
});
