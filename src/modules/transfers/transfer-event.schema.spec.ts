/**
 * docs/transfer-event.schema.json and the validator the service runs (TransferEventDto, then
 * toInternalEvent) describe one contract: the schema's enums, patterns and limits are checked
 * against the code, and its examples against the validator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TRANSFER_CHANNELS, TRANSFER_TYPES } from '../../domain/detection/transfer-event.js';
import { AMOUNT_PATTERN, OCCURRED_AT_PATTERN } from './dto/transfer-event.dto.js';
import { checkTransferEvent } from './transfer-event.validation.js';

interface Schema {
  required: string[];
  properties: Record<string, { enum?: string[]; pattern?: string; maxLength?: number; const?: unknown; properties?: Record<string, { pattern?: string }> }>;
  $defs: { party: { required: string[]; properties: Record<string, { maxLength?: number }> } };
  examples: unknown[];
}

const schema = JSON.parse(readFileSync(join(process.cwd(), 'docs/transfer-event.schema.json'), 'utf8')) as Schema;

describe('docs/transfer-event.schema.json', () => {
  it('lists the types and channels the service knows', () => {
    expect(schema.properties['type']!.enum).toEqual([...TRANSFER_TYPES]);
    expect(schema.properties['channel']!.enum).toEqual([...TRANSFER_CHANNELS]);
    expect(schema.properties['currency']!.const).toBe('CNY');
  });

  it('uses the amount and time grammar of the validator', () => {
    expect(schema.properties['amount']!.pattern).toBe(AMOUNT_PATTERN.source);
    expect(schema.properties['occurredAt']!.pattern).toBe(OCCURRED_AT_PATTERN.source);
    expect(schema.required).toEqual(['eventId', 'occurredAt', 'type', 'channel', 'amount', 'currency']);
    expect(schema.$defs.party.required).toEqual(['bankCode', 'accountNumber']);
  });

  it('has examples the service accepts', () => {
    expect(schema.examples.length).toBeGreaterThan(0);
    for (const example of schema.examples) expect(checkTransferEvent(example)).toMatchObject({ ok: true });
  });

  it('and amounts the schema pattern refuses, the service refuses too', () => {
    const pattern = new RegExp(schema.properties['amount']!.pattern!);
    for (const amount of ['1.005', '-1.00', '1e3', '01.00', '1,000.00', ' 1.00', '1.']) {
      expect(pattern.test(amount)).toBe(false);
      expect(checkTransferEvent({ ...(schema.examples[0] as object), amount })).toMatchObject({ ok: false });
    }
  });
});
