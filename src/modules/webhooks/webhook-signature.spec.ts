import { retryDelayMs, signatureHeader, verifyWebhookSignature, webhookDigest } from './webhook-signature.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"e1","type":"restriction.effective-changed"}';

  it('signs timestamp and body with HMAC-SHA256 and verifies within the tolerance', () => {
    const header = signatureHeader(secret, 1_700_000_000, body);
    expect(header).toBe(`t=1700000000,v1=${webhookDigest(secret, 1_700_000_000, body)}`);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, header, body, 1_700_000_100)).toEqual({ valid: true });
  });

  it('rejects another body, another secret, an old timestamp and a malformed header', () => {
    const header = signatureHeader(secret, 1_700_000_000, body);
    expect(verifyWebhookSignature(secret, header, body + ' ', 1_700_000_000)).toEqual({ valid: false, reason: 'MISMATCH' });
    expect(verifyWebhookSignature('other', header, body, 1_700_000_000)).toEqual({ valid: false, reason: 'MISMATCH' });
    expect(verifyWebhookSignature(secret, header, body, 1_700_000_301)).toEqual({ valid: false, reason: 'STALE' });
    expect(verifyWebhookSignature(secret, 'v1=abc', body, 1_700_000_000)).toEqual({ valid: false, reason: 'MALFORMED' });
    // Re-signing the same body under a new timestamp needs the secret: moving t breaks the digest.
    expect(verifyWebhookSignature(secret, header.replace('t=1700000000', 't=1700000200'), body, 1_700_000_200)).toEqual({ valid: false, reason: 'MISMATCH' });
  });

  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 1000, 10_000))).toEqual([1000, 2000, 4000, 8000, 10_000]);
    expect(retryDelayMs(200, 1000, 3_600_000)).toBe(3_600_000);
  });
});
