import { attributesFromMasked, caseItemFromReviewItem } from './review-item-source.js';

describe('review items as case items', () => {
  const base = {
    id: '5b0c1d52-6a39-4a55-9a0e-9a5d2b7c4f10',
    institutionId: '0f8d2c1e-1111-4a55-9a0e-9a5d2b7c4f10',
    kind: 'RESCREEN_HIT',
    severity: 'HIGH' as const,
    title: 'Existing account holder is on the negative list',
    screeningId: null,
    bankCode: 'B001',
    accountNumber: '6222020000001234',
    subjectType: 'PERSON' as const,
    subjectKey: 'ab'.repeat(32),
    subjectMasked: '110105********0013',
    subjectName: '张三',
    findingCodes: ['NEGATIVE_LIST_PERSON'],
    sourceRef: 'rescreen:job-1',
    details: { entryId: 'e1' },
    createdAt: new Date('2026-11-21T02:00:00Z'),
  };

  it('keys the item by the review item id and maps the kind to the source', () => {
    const i = caseItemFromReviewItem(base);
    expect(i.source).toBe('RESCREEN');
    expect(i.sourceId).toBe(base.id);
    expect(i.subject).toMatchObject({ type: 'PERSON', key: base.subjectKey, display: '110105********0013', name: '张三' });
    expect(i.evidence).toMatchObject({ reviewItemId: base.id, entryId: 'e1', account: 'B001:6222020000001234' });
    expect(caseItemFromReviewItem({ ...base, kind: 'SCREENING_REVIEW' }).source).toBe('SCREENING');
    const onAccount = caseItemFromReviewItem({ ...base, subjectType: 'ACCOUNT', subjectKey: 'B001:6222020000001234' });
    expect(onAccount.subject).toMatchObject({ type: 'ACCOUNT', display: 'B001 622202******1234', attributes: null });
    expect(onAccount.evidence).toMatchObject({ holder: '110105********0013' });
    expect(caseItemFromReviewItem({ ...base, kind: 'SECOND_VERIFICATION_CHANGED' }).source).toBe('SECOND_VERIFICATION');
  });

  it('reads division and sex from a masked resident ID and nothing from other shapes', () => {
    expect(attributesFromMasked('110105********0013', {})).toEqual({ divisionCode: '110105', sex: 'MALE' });
    expect(attributesFromMasked('110105********002X', { birthDate: '1990-01-02' })).toEqual({ divisionCode: '110105', sex: 'FEMALE', birthDate: '1990-01-02' });
    expect(attributesFromMasked('911101**********1X', {})).toBeNull();
    expect(attributesFromMasked(null, {})).toBeNull();
  });
});
