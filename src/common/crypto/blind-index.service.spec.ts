import { createHmac } from 'node:crypto';
import type { AppSecrets } from '../../config/config.module.js';
import { BlindIndexService } from './blind-index.service.js';

describe('BlindIndexService', () => {
  const secrets = { blindIndexKey: 'a-test-blind-index-key-of-some-length' } as AppSecrets;
  const blind = new BlindIndexService(secrets);

  it('is HMAC-SHA256 of "kind:value" under the key, so stored indexes keep matching', () => {
    const expected = createHmac('sha256', Buffer.from(secrets.blindIndexKey, 'utf8')).update('ACCOUNT').update(':').update('102100099996:6222020000000007').digest('hex');
    expect(blind.of('ACCOUNT', '102100099996:6222020000000007')).toBe(expected);
    // Pinned: a change of scheme would orphan every stored index.
    expect(blind.of('PHONE', '13800138000')).toBe('4c30eeee133c89e41a6ea20fad65db7ff2b9201156efe8f7448f8c513018e17d');
  });

  it('separates kinds and values', () => {
    expect(blind.of('ACCOUNT', '1')).not.toBe(blind.of('PHONE', '1'));
    expect(blind.of('NAME', 'a')).not.toBe(blind.of('NAME', 'b'));
    expect(blind.of('NAME', '王芳')).toMatch(/^[0-9a-f]{64}$/);
  });
});
