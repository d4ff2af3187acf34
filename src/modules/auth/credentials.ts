import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUM[randomInt(ALPHANUM.length)];
  return out;
}

/** API keys read `ark_<8-character public prefix>_<secret>`; only a hash of the whole key is kept. */
export const API_KEY_PATTERN = /^ark_([A-Za-z0-9]{8})_([A-Za-z0-9]{32,64})$/;

export function generateApiKey(): { key: string; prefix: string } {
  const prefix = randomAlphanumeric(8);
  return { key: `ark_${prefix}_${randomAlphanumeric(40)}`, prefix };
}

export function apiKeyPrefix(key: string): string | undefined {
  return API_KEY_PATTERN.exec(key)?.[1];
}

/** Keys carry 238 bits of randomness, so a fast hash is enough (unlike passwords). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function generatePassword(): string {
  return randomAlphanumeric(20);
}

/** Passwords use Argon2id (OWASP's first choice) through @node-rs/argon2. */
export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2Verify(hash, password).catch(() => false);
}
