/**
 * How receivers know a webhook came from the platform: an HMAC-SHA256 over the Unix timestamp
 * and the exact body bytes, keyed with the endpoint's secret. The timestamp is signed too so a
 * captured request cannot be replayed later; receivers reject signatures older than a few
 * minutes. Header: `X-Webhook-Signature: t=<unix seconds>,v1=<hex digest>`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-webhook-signature';
export const TIMESTAMP_HEADER = 'x-webhook-timestamp';
export const EVENT_HEADER = 'x-webhook-event';
export const DELIVERY_HEADER = 'x-webhook-id';

/** Hex HMAC-SHA256 of `${timestamp}.${body}`. */
export function webhookDigest(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
}

export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${webhookDigest(secret, timestampSeconds, body)}`;
}

export interface SignatureCheck {
  valid: boolean;
  reason?: 'MALFORMED' | 'STALE' | 'MISMATCH';
}

/** For receivers (and tests): checks the header against the body within a tolerance. */
export function verifyWebhookSignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): SignatureCheck {
  const parts = new Map(header.split(',').map((kv) => kv.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isSafeInteger(t) || !given || !/^[0-9a-f]{64}$/.test(given)) return { valid: false, reason: 'MALFORMED' };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { valid: false, reason: 'STALE' };
  const expected = Buffer.from(webhookDigest(secret, t, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? { valid: true } : { valid: false, reason: 'MISMATCH' };
}

/** Exponential backoff: base, 2x base, 4x base ... capped, for the attempt that just failed (1-based). */
export function retryDelayMs(failedAttempt: number, baseMs: number, maxMs: number): number {
  const exp = Math.min(30, Math.max(0, failedAttempt - 1));
  return Math.min(maxMs, baseMs * 2 ** exp);
}
