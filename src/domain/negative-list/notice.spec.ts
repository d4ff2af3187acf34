import { buildNotice, renderNoticeText } from './notice.js';

describe('entry notice', () => {
  it('states basis, term, measures and the right to appeal', () => {
    const n = buildNotice({
      entryId: '0b3c1a52-9f3e-4b7e-8c1d-2f4a5b6c7d8e',
      version: 2,
      subjectName: '张伟',
      identifierMasked: '110105********002X',
      category: 'ACCOUNT_SELLER',
      fraudType: 'ORDER_BRUSHING',
      legalBasis: '公安机关认定买卖银行账户',
      legalBasisDocNo: '深公认字〔2026〕101号',
      measures: ['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED'],
      effectiveFrom: new Date('2026-11-21T02:00:00Z'),
      expiresAt: new Date('2028-11-21T16:00:00Z'),
      termBasis: 'JOINT_PUNISHMENT_CARD_SELLER',
      status: 'ACTIVE',
      issuerName: 'Bank A',
      appealAnswerDays: 15,
      issuedAt: new Date('2026-11-21T03:00:00Z'),
    });
    expect(n.noticeNo).toBe('NL-0B3C1A529F3E-V2');
    expect(n.measures.map((m) => m.code)).toEqual(['NO_NEW_ACCOUNTS', 'NON_COUNTER_SUSPENDED']);
    const text = renderNoticeText(n);
    for (const part of ['公安机关认定买卖银行账户', '深公认字〔2026〕101号', '不得新开账户、暂停非柜面业务', '自2026-11-21 10:00起至2028-11-22 00:00止', '15日内', 'Right to appeal', 'until 2028-11-22 00:00']) {
      expect(text).toContain(part);
    }
  });
});
