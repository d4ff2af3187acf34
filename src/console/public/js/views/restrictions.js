import { get, qs } from '../api.js';
import { clear, field, formatTime, h, select } from '../dom.js';
import { currentLang, t, tv } from '../i18n.js';

const LEVELS = ['ENHANCED_MONITORING', 'LIMITED_NON_COUNTER', 'NON_COUNTER_SUSPENDED', 'RECEIVE_ONLY', 'FROZEN', 'NO_NEW_ACCOUNTS'];
const STATUSES = ['PENDING_APPROVAL', 'ACTIVE', 'LIFTED', 'EXPIRED', 'SUPERSEDED'];

function ordersTable(orders) {
  const lang = currentLang();
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, [t('level'), t('status'), t('target'), t('basis'), t('effectiveFrom'), t('expiresAt')].map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      {},
      orders.map((o) =>
        h(
          'tr',
          {},
          h('td', {}, h('span', { class: 'badge level' }, tv(o.level))),
          h('td', {}, tv(o.status)),
          h('td', {}, tv(o.target.type), ' ', o.target.bankCode ? `${o.target.bankCode} ${o.target.accountNumber ?? ''}` : (o.target.holderMasked ?? '')),
          h('td', {}, `${o.basis.type} ${o.basis.reference ?? ''}`),
          h('td', {}, formatTime(o.effectiveFrom, lang)),
          h('td', {}, formatTime(o.expiresAt, lang)),
        ),
      ),
    ),
  );
}

export async function renderRestrictions(ctx) {
  const q = ctx.query;
  const lang = currentLang();
  const bankCode = h('input', { name: 'bankCode', value: q.get('bankCode') ?? '', required: true, autocomplete: 'off' });
  const accountNumber = h('input', { name: 'accountNumber', value: q.get('accountNumber') ?? '', required: true, autocomplete: 'off' });
  const lookup = h(
    'form',
    { class: 'filters', 'aria-label': t('rsAccount'), onSubmit: (e) => { e.preventDefault(); ctx.navigate(`#/restrictions${qs({ bankCode: bankCode.value.trim(), accountNumber: accountNumber.value.trim() })}`); } },
    field(t('bankCode'), bankCode),
    field(t('accountNumber'), accountNumber),
    h('button', { type: 'submit', class: 'primary' }, t('search')),
  );
  const accountBox = h('section', { class: 'card', 'aria-labelledby': 'rs-acct-h', id: 'account-restrictions' }, h('h2', { id: 'rs-acct-h' }, t('rsAccount')), lookup);
  if (q.get('bankCode') && q.get('accountNumber')) {
    try {
      const r = await get(`/v1/accounts/${encodeURIComponent(q.get('bankCode'))}/${encodeURIComponent(q.get('accountNumber'))}/restrictions`);
      accountBox.append(
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, t('account')),
          h('dd', {}, `${r.bankCode} ${r.accountNumber}${r.holderMasked ? ` · ${r.holderMasked}` : ''}`),
          h('dt', {}, t('effective')),
          h('dd', { id: 'effective-level' }, r.current.level ? h('span', { class: 'badge level' }, tv(r.current.level)) : t('noRestriction')),
        ),
        h('h3', {}, t('orders')),
        r.orders.length ? ordersTable(r.orders) : h('p', {}, t('none')),
        h('h3', {}, t('history')),
        h('ol', { class: 'timeline' }, r.history.map((e) => h('li', {}, h('div', { class: 'when' }, formatTime(e.occurredAt, lang), ` · ${e.actor?.type ?? ''} ${e.actor?.id ?? ''}`), h('div', { class: 'what' }, `${e.type} → ${tv(e.statusAfter)}`), h('div', { class: 'detail' }, e.reason ?? '')))),
        h('h3', {}, t('changes')),
        h('ol', { class: 'timeline' }, (r.effectiveChanges ?? []).map((c) => h('li', {}, h('div', { class: 'when' }, formatTime(c.effectiveAt, lang)), h('div', { class: 'what' }, `${tv(c.previousLevel)} → ${tv(c.level)}`), h('div', { class: 'detail' }, c.cause)))),
      );
    } catch (e) {
      accountBox.append(h('p', { class: e.status === 404 ? 'muted' : 'error', role: 'alert' }, e.status === 404 ? t('notAvailable') : e.message));
    }
  }

  const state = { status: q.get('status') ?? '', level: q.get('level') ?? '', targetType: q.get('targetType') ?? '' };
  const ordersBox = h(
    'section',
    { class: 'card', 'aria-labelledby': 'rs-orders-h' },
    h('h2', { id: 'rs-orders-h' }, t('rsOrders')),
    h(
      'form',
      { class: 'filters', onSubmit: (e) => { e.preventDefault(); const fd = new FormData(e.target); ctx.navigate(`#/restrictions${qs({ bankCode: q.get('bankCode'), accountNumber: q.get('accountNumber'), status: fd.get('status'), level: fd.get('level'), targetType: fd.get('targetType') })}`); } },
      field(t('status'), select('status', [['', t('any')], ...STATUSES.map((s) => [s, tv(s)])], state.status)),
      field(t('level'), select('level', [['', t('any')], ...LEVELS.map((s) => [s, tv(s)])], state.level)),
      field(t('target'), select('targetType', [['', t('any')], ...['ACCOUNT', 'PERSON', 'ENTITY'].map((s) => [s, tv(s)])], state.targetType)),
      h('button', { type: 'submit' }, t('apply')),
    ),
  );
  try {
    const page = await get(`/v1/restrictions/orders${qs({ ...state, limit: 50 })}`);
    ordersBox.append(page.items.length ? ordersTable(page.items) : h('p', {}, t('none')));
  } catch (e) {
    ordersBox.append(h('p', { class: 'muted' }, e.status === 404 ? t('notAvailable') : e.message));
  }
  clear(ctx.main).append(h('h1', {}, t('rsTitle')), accountBox, ordersBox);
}
