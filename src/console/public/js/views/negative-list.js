import { get, post, qs } from '../api.js';
import { clear, field, formatTime, h, select } from '../dom.js';
import { currentLang, t, tv } from '../i18n.js';

const CATEGORIES = ['ACCOUNT_SELLER', 'CONVICTED_FRAUDSTER', 'FRAUD_SUSPECT', 'MONEY_MULE', 'CASE_ACCOUNT', 'FRAUD_PHONE', 'OTHER'];
const STATUSES = ['ACTIVE', 'UNDER_APPEAL', 'EXPIRED', 'REVOKED'];

function entriesTable(entries, extra = () => []) {
  const lang = currentLang();
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, [t('identifier'), t('name'), t('category'), t('status'), t('measures'), t('expiresAt'), ...extra(null)].map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      {},
      entries.map((e, i) =>
        h(
          'tr',
          {},
          h('td', {}, h('a', { href: `#/negative-list/${e.id}` }, e.identifier), h('div', { class: 'muted' }, tv(e.subjectType))),
          h('td', {}, e.subjectName ?? '—'),
          h('td', {}, tv(e.category), h('div', { class: 'muted' }, tv(e.fraudType))),
          h('td', {}, h('span', { class: 'badge' }, tv(e.status))),
          h('td', {}, e.measures.map(tv).join(', ')),
          h('td', {}, formatTime(e.expiresAt, lang)),
          ...extra(i).map((x) => h('td', {}, x)),
        ),
      ),
    ),
  );
}

export async function renderNegativeList(ctx) {
  const q = ctx.query;
  const results = h('section', { class: 'card', 'aria-live': 'polite', id: 'nl-results' });
  const inputs = {
    idNumber: h('input', { name: 'idNumber', autocomplete: 'off' }),
    uscc: h('input', { name: 'uscc', autocomplete: 'off' }),
    phone: h('input', { name: 'phone', autocomplete: 'off' }),
    bankCode: h('input', { name: 'bankCode', autocomplete: 'off' }),
    accountNumber: h('input', { name: 'accountNumber', autocomplete: 'off' }),
    name: h('input', { name: 'name', autocomplete: 'off' }),
  };
  const search = h(
    'form',
    {
      class: 'filters card',
      'aria-label': t('nlSearch'),
      onSubmit: async (e) => {
        e.preventDefault();
        const body = {};
        for (const k of ['idNumber', 'uscc', 'phone', 'name']) if (inputs[k].value.trim()) body[k] = inputs[k].value.trim();
        if (inputs.bankCode.value.trim() && inputs.accountNumber.value.trim()) body.account = { bankCode: inputs.bankCode.value.trim(), accountNumber: inputs.accountNumber.value.trim() };
        clear(results).append(h('p', { class: 'loading' }, t('loading')));
        try {
          const res = await post('/v1/negative-list/match', body);
          clear(results).append(
            h('h2', {}, t('nlSearch')),
            res.hits.length ? entriesTable(res.hits.map((x) => x.entry), (i) => (i === null ? [t('matchType'), t('score')] : [res.hits[i].matchType, res.hits[i].score.toFixed(2)])) : h('p', {}, t('noHits')),
          );
        } catch (err) {
          clear(results).append(h('p', { class: 'error', role: 'alert' }, err.message));
        }
      },
    },
    h('h2', { class: 'visually-hidden' }, t('nlSearch')),
    field(t('idNumber'), inputs.idNumber),
    field(t('uscc'), inputs.uscc),
    field(t('phone'), inputs.phone),
    field(t('bankCode'), inputs.bankCode),
    field(t('accountNumber'), inputs.accountNumber),
    field(t('name'), inputs.name),
    h('button', { type: 'submit', class: 'primary' }, t('search')),
  );

  const state = { status: q.get('status') ?? '', category: q.get('category') ?? '', cursor: q.get('cursor') ?? '' };
  const browse = h(
    'form',
    { class: 'filters', 'aria-label': t('browse'), onSubmit: (e) => { e.preventDefault(); const fd = new FormData(e.target); ctx.navigate(`#/negative-list${qs({ status: fd.get('status'), category: fd.get('category') })}`); } },
    field(t('status'), select('status', [['', t('any')], ...STATUSES.map((s) => [s, tv(s)])], state.status)),
    field(t('category'), select('category', [['', t('any')], ...CATEGORIES.map((s) => [s, tv(s)])], state.category)),
    h('button', { type: 'submit' }, t('apply')),
  );
  let page = { items: [], nextCursor: null };
  let unavailable = false;
  try {
    page = await get(`/v1/negative-list/entries${qs({ ...state, limit: 50 })}`);
  } catch (e) {
    if (e.status === 404) unavailable = true;
    else throw e;
  }
  clear(ctx.main).append(
    h('h1', {}, t('nlTitle')),
    search,
    results,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'browse-h' },
      h('h2', { id: 'browse-h' }, t('browse')),
      browse,
      unavailable ? h('p', { class: 'muted' }, t('notAvailable')) : page.items.length ? entriesTable(page.items) : h('p', {}, t('none')),
      page.nextCursor ? h('p', {}, h('a', { href: `#/negative-list${qs({ ...state, cursor: page.nextCursor })}` }, t('next'))) : null,
    ),
  );
}

export async function renderEntry(ctx) {
  const id = ctx.params[0];
  const lang = currentLang();
  const [e, history, appeals] = await Promise.all([
    get(`/v1/negative-list/entries/${id}`),
    get(`/v1/negative-list/entries/${id}/history`),
    get(`/v1/negative-list/appeals${qs({ entryId: id })}`).catch(() => ({ items: [] })),
  ]);
  const versions = Array.isArray(history) ? history : (history.versions ?? history.items ?? []);
  const appealList = Array.isArray(appeals) ? appeals : (appeals.items ?? []);
  clear(ctx.main).append(
    h('p', {}, h('a', { href: '#/negative-list' }, `← ${t('nlTitle')}`)),
    h('h1', {}, `${t('entry')} ${e.identifier}`),
    h(
      'section',
      { class: 'card' },
      h(
        'dl',
        { class: 'facts' },
        [
          [t('subjectType'), tv(e.subjectType)],
          [t('name'), e.subjectName ?? '—'],
          [t('category'), tv(e.category)],
          [t('fraudType'), tv(e.fraudType)],
          [t('status'), tv(e.status)],
          [t('measures'), e.measures.map(tv).join(', ')],
          [t('effectiveFrom'), formatTime(e.effectiveFrom, lang)],
          [t('expiresAt'), formatTime(e.expiresAt, lang)],
          [t('basis'), e.provenance?.legalBasis ?? '—'],
        ].flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
      ),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'hist-h' },
      h('h2', { id: 'hist-h' }, t('history')),
      h('ol', { class: 'timeline' }, versions.map((v) => h('li', {}, h('div', { class: 'when' }, formatTime(v.changedAt, lang)), h('div', { class: 'what' }, `v${v.version} · ${v.action}`), h('div', { class: 'detail' }, v.reason ?? '')))),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'app-h' },
      h('h2', { id: 'app-h' }, t('appeals')),
      appealList.length
        ? h('table', {}, h('thead', {}, h('tr', {}, [t('received'), t('grounds'), t('status'), t('deadline')].map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, appealList.map((a) => h('tr', {}, h('td', {}, formatTime(a.receivedAt, lang)), h('td', {}, a.grounds), h('td', {}, tv(a.status), a.overdue ? h('span', { class: 'badge overdue' }, ` ${t('overdue')}`) : null), h('td', {}, formatTime(a.deadlineAt, lang))))))
        : h('p', {}, t('none')),
    ),
  );
}
