import { api, get, post, session } from '../api.js';
import { counterpartyGraph } from '../charts.js';
import { clear, field, formatTime, h, select } from '../dom.js';
import { currentLang, t, tv } from '../i18n.js';

const LEVELS = ['ENHANCED_MONITORING', 'LIMITED_NON_COUNTER', 'NON_COUNTER_SUSPENDED', 'RECEIVE_ONLY', 'FROZEN'];
const APPROVAL_LEVELS = new Set(['NON_COUNTER_SUSPENDED', 'RECEIVE_ONLY', 'FROZEN']);
const CATEGORIES = ['ACCOUNT_SELLER', 'CONVICTED_FRAUDSTER', 'FRAUD_SUSPECT', 'MONEY_MULE', 'CASE_ACCOUNT', 'OTHER'];
const FRAUD_TYPES = ['ORDER_BRUSHING', 'FAKE_INVESTMENT', 'FAKE_LOAN', 'IMPERSONATING_CUSTOMER_SERVICE', 'IMPERSONATING_AUTHORITIES', 'IMPERSONATING_ACQUAINTANCE', 'ONLINE_ROMANCE', 'FAKE_GAME_TRADING', 'ONLINE_GAMBLING', 'OTHER'];
const KINDS = ['FALSE_POSITIVE', 'NO_ACTION', 'RESTRICT', 'ADD_TO_NEGATIVE_LIST', 'REPORT_TO_POLICE'];

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}

function describeEvent(e) {
  const d = e.details ?? {};
  switch (e.kind) {
    case 'ITEM_ATTACHED':
      return `${tv(d.source)} · ${tv(d.severity)} · ${(d.findingCodes ?? []).join(', ')}${d.summary ? `\n${d.summary}` : ''}`;
    case 'OPENED':
      return `${t('priority')}: ${tv(d.priority)}`;
    case 'ASSIGNED':
    case 'CLAIMED':
      return `→ ${d.assigneeName ?? ''}`;
    case 'RELEASED':
      return d.previousAssigneeName ? `← ${d.previousAssigneeName}` : '';
    case 'NOTE':
      return d.text ?? '';
    case 'DECISION_PROPOSED':
      return `${tv(d.kind)}${d.level ? ` · ${tv(d.level)}` : ''}${d.category ? ` · ${tv(d.category)}` : ''}${d.needsApproval ? ` · ${t('needsApproval')}` : ''}\n${d.reason ?? ''}`;
    case 'DECISION_APPROVED':
    case 'DECISION_REJECTED':
      return `${tv(d.kind)}${d.comment ? `\n${d.comment}` : ''}`;
    case 'DECISION_APPLIED':
      return tv(d.kind);
    case 'DECISION_FAILED':
      return `${tv(d.kind)}: ${d.error?.message ?? ''}`;
    case 'RESTRICTION_CREATED':
      return `${tv(d.level)} · ${tv(d.status)} · ${(d.orderIds ?? []).join(', ')}`;
    case 'LIST_ENTRY_CREATED':
      return `${tv(d.category)} · ${d.entryId}`;
    case 'PACKAGE_CREATED':
      return `SHA-256 ${String(d.sha256 ?? '').slice(0, 16)}…`;
    case 'SUPPRESSION_CREATED':
      return `${(d.findingCodes ?? []).join(', ')} → ${formatTime(d.until, currentLang())}\n${d.reason ?? ''}`;
    case 'CLOSED':
      return tv(d.resolution);
    case 'REOPENED':
      return d.reason ?? '';
    default:
      return '';
  }
}

function timeline(events) {
  const lang = currentLang();
  return h(
    'ol',
    { class: 'timeline', id: 'case-timeline' },
    events.map((e) =>
      h(
        'li',
        { dataset: { kind: e.kind } },
        h('div', { class: 'when' }, h('time', { datetime: e.at }, formatTime(e.at, lang)), ` · ${e.actorName ?? e.actorId}`),
        h('div', { class: 'what' }, tv(e.kind)),
        h('div', { class: 'detail' }, describeEvent(e)),
      ),
    ),
  );
}

async function act(ctx, fn, done) {
  try {
    await fn();
    if (done) ctx.toast(done);
    ctx.navigate(location.hash);
  } catch (e) {
    ctx.toast(`${t('error')}: ${e.message}`);
  }
}

function decisionForm(ctx, c) {
  // A bank restricts the accounts it holds; persons and entities are restricted by the operator,
  // regulators and police (the restrictions module refuses the rest).
  const bankOnly = session.me.institutionKind === 'BANK' && c.subject.type !== 'ACCOUNT';
  const kind = select('kind', KINDS.filter((k) => !(bankOnly && k === 'RESTRICT')).map((k) => [k, tv(k)]), 'NO_ACTION');
  const reason = h('textarea', { name: 'reason', required: true });
  const level = select('level', LEVELS.map((l) => [l, tv(l)]), 'NON_COUNTER_SUSPENDED');
  const termDays = h('input', { name: 'termDays', type: 'number', min: 1, max: 3650, inputmode: 'numeric' });
  const category = select('category', CATEGORIES.map((x) => [x, tv(x)]), c.subject.type === 'ACCOUNT' ? 'CASE_ACCOUNT' : 'ACCOUNT_SELLER');
  const fraudType = select('fraudType', FRAUD_TYPES.map((x) => [x, tv(x)]), 'OTHER');
  const suppress = h('input', { type: 'checkbox', name: 'suppress', id: 'decide-suppress' });
  const suppressDays = h('input', { name: 'suppressDays', type: 'number', min: 1, max: 180, value: '90' });
  const suppressReason = h('input', { name: 'suppressReason' });
  const idLabel = c.subject.type === 'ENTITY' ? t('identifierUscc') : t('identifierId');
  const identifier = h('input', { name: 'identifier', autocomplete: 'off' });
  const approvalNote = h('p', { class: 'muted', 'aria-live': 'polite' });

  const restrictBox = h('div', { class: 'kind-restrict' }, field(t('level'), level), field(t('termDays'), termDays));
  const listBox = h('div', { class: 'kind-list' }, field(t('category'), category), field(t('fraudType'), fraudType));
  const fpBox = h('div', { class: 'kind-fp' }, h('span', { class: 'check' }, suppress, h('label', { for: 'decide-suppress' }, t('suppress'))), field(t('suppressDays'), suppressDays), field(t('suppressReason'), suppressReason));
  const idBox = c.subject.type === 'ACCOUNT' ? null : h('div', {}, field(idLabel, identifier));
  const sync = () => {
    const k = kind.value;
    restrictBox.hidden = k !== 'RESTRICT';
    listBox.hidden = k !== 'ADD_TO_NEGATIVE_LIST';
    fpBox.hidden = k !== 'FALSE_POSITIVE';
    if (idBox) idBox.hidden = k !== 'RESTRICT' && k !== 'ADD_TO_NEGATIVE_LIST';
    const approval = k === 'ADD_TO_NEGATIVE_LIST' || (k === 'RESTRICT' && APPROVAL_LEVELS.has(level.value));
    approvalNote.textContent = approval ? t('needsApproval') : '';
  };
  kind.addEventListener('change', sync);
  level.addEventListener('change', sync);
  sync();

  return h(
    'form',
    {
      id: 'decision-form',
      'aria-label': t('decision'),
      onSubmit: (e) => {
        e.preventDefault();
        const body = { kind: kind.value, reason: reason.value.trim() };
        if (body.kind === 'RESTRICT') {
          body.restriction = { level: level.value };
          if (termDays.value) body.restriction.termDays = Number(termDays.value);
        }
        if (body.kind === 'ADD_TO_NEGATIVE_LIST') body.listing = { category: category.value, fraudType: fraudType.value };
        if (body.kind === 'FALSE_POSITIVE' && suppress.checked) body.suppress = { days: Number(suppressDays.value), reason: suppressReason.value.trim() || body.reason };
        if ((body.kind === 'RESTRICT' || body.kind === 'ADD_TO_NEGATIVE_LIST') && c.subject.type !== 'ACCOUNT') {
          body.identifier = c.subject.type === 'ENTITY' ? { uscc: identifier.value.trim() } : { idNumber: identifier.value.trim() };
        }
        void act(ctx, () => post(`/v1/cases/${c.id}/decisions`, body), t('submitDecision'));
      },
    },
    h('h3', {}, t('decision')),
    field(t('decision'), kind),
    restrictBox,
    listBox,
    fpBox,
    idBox,
    field(t('reason'), reason),
    approvalNote,
    h('button', { type: 'submit', class: 'primary' }, t('submitDecision')),
  );
}

function pendingPanel(ctx, c, d) {
  const mayApprove = session.has('SUPERVISOR') && session.me.id !== d.decidedBy && session.me.institutionId === c.institutionId;
  const comment = h('textarea', { name: 'comment' });
  return h(
    'section',
    { class: 'card', id: 'pending-decision', 'aria-labelledby': 'pending-h' },
    h('h2', { id: 'pending-h' }, t('pendingApproval')),
    facts([
      [t('decision'), tv(d.kind)],
      d.params.level ? [t('level'), tv(d.params.level)] : null,
      d.params.category ? [t('category'), tv(d.params.category)] : null,
      [t('decidedBy'), `${d.decidedByName} · ${formatTime(d.decidedAt, currentLang())}`],
      [t('reason'), d.reason],
    ]),
    mayApprove
      ? h(
          'form',
          { onSubmit: (e) => e.preventDefault() },
          field(t('comment'), comment),
          h(
            'div',
            { class: 'actions-row' },
            h('button', { type: 'button', class: 'primary', onClick: () => act(ctx, () => post(`/v1/cases/${c.id}/decisions/${d.id}/approve`, comment.value.trim() ? { comment: comment.value.trim() } : {}), t('approve')) }, t('approve')),
            h('button', { type: 'button', class: 'danger', onClick: () => act(ctx, () => post(`/v1/cases/${c.id}/decisions/${d.id}/reject`, { comment: comment.value.trim() || '—' }), t('reject')) }, t('reject')),
          ),
        )
      : h('p', { class: 'muted' }, t('needsApproval')),
  );
}

async function actions(ctx, c) {
  const mine = session.me.institutionId === c.institutionId;
  const staff = session.has('ANALYST') || session.has('SUPERVISOR');
  if (!mine || !staff) return null;
  const box = h('section', { class: 'card', 'aria-labelledby': 'actions-h' }, h('h2', { id: 'actions-h' }, t('actions')));
  const row = h('div', { class: 'actions-row' });
  const working = c.status === 'OPEN' || c.status === 'IN_REVIEW';
  if (working && c.assignee?.id !== session.me.id && (!c.assignee || session.has('SUPERVISOR'))) {
    if (!c.assignee) row.append(h('button', { type: 'button', onClick: () => act(ctx, () => post(`/v1/cases/${c.id}/claim`), t('claim')) }, t('claim')));
  }
  if (working && c.assignee && (c.assignee.id === session.me.id || session.has('SUPERVISOR'))) {
    row.append(h('button', { type: 'button', onClick: () => act(ctx, () => post(`/v1/cases/${c.id}/release`), t('release')) }, t('release')));
  }
  if (working && session.has('SUPERVISOR')) {
    const people = await get('/v1/cases/assignees');
    const who = select('userId', [['ROUND_ROBIN', t('roundRobin')], ...people.map((u) => [u.id, u.displayName ? `${u.displayName} (${u.username})` : u.username])], 'ROUND_ROBIN');
    row.append(
      h(
        'form',
        {
          class: 'actions-row',
          onSubmit: (e) => {
            e.preventDefault();
            const body = who.value === 'ROUND_ROBIN' ? { mode: 'ROUND_ROBIN' } : { userId: who.value };
            void act(ctx, () => post(`/v1/cases/${c.id}/assign`, body), t('assign'));
          },
        },
        field(t('assignTo'), who),
        h('button', { type: 'submit' }, t('assign')),
      ),
    );
  }
  if (c.status === 'CLOSED' && session.has('SUPERVISOR')) {
    const why = h('input', { name: 'reason', required: true });
    row.append(h('form', { class: 'actions-row', onSubmit: (e) => { e.preventDefault(); void act(ctx, () => post(`/v1/cases/${c.id}/reopen`, { reason: why.value.trim() }), t('reopen')); } }, field(t('reason'), why), h('button', { type: 'submit' }, t('reopen'))));
  }
  box.append(row);
  const text = h('textarea', { name: 'note', required: true });
  box.append(h('form', { onSubmit: (e) => { e.preventDefault(); void act(ctx, () => post(`/v1/cases/${c.id}/notes`, { text: text.value.trim() }), t('addNote')); } }, field(t('note'), text), h('button', { type: 'submit' }, t('addNote'))));
  const pending = c.decisions.find((d) => d.status === 'PENDING_APPROVAL');
  if (working && !pending) box.append(decisionForm(ctx, c));
  return box;
}

function section(title, available, body) {
  return h('div', {}, h('h3', {}, title), available === false ? h('p', { class: 'muted' }, t('notAvailable')) : body);
}

function list(items, render) {
  return items && items.length ? h('ul', {}, items.map((x) => h('li', {}, render(x)))) : h('p', { class: 'muted' }, t('none'));
}

function profilePanel(p) {
  const lang = currentLang();
  const parts = [h('h2', { id: 'profile-h' }, t('profile'))];
  if (p.person) {
    const r = p.person.region;
    parts.push(facts([[t('age'), p.person.age ?? '—'], [t('sex'), tv(p.person.sex)], [t('region'), r ? [r.province, r.city, r.county].filter(Boolean).join(' ') : '—']]));
  }
  if (p.account) parts.push(facts([[t('account'), `${p.account.bankCode} ${p.account.accountNumber}`], [t('accountClass'), p.account.accountClass ?? '—'], [t('openedAt'), formatTime(p.account.openedAt, lang)]]));
  if (p.accounts) parts.push(facts([[t('accountsAcrossBanks'), `${p.accounts.total} ${t('accountsCount')} ${p.accounts.institutions} ${t('institutionsCount')}`]]));
  parts.push(section(t('listEntries'), p.listEntries.available, list(p.listEntries.items, (e) => `${tv(e.category)} · ${tv(e.status)} · ${e.identifier ?? ''}`)));
  const rs = p.restrictions;
  parts.push(
    section(
      t('restrictionHistory'),
      rs.available,
      h('div', { id: 'profile-restrictions' }, facts([[t('currentRestriction'), rs.current ? h('span', { class: 'badge level' }, tv(rs.current)) : t('noRestriction')]]), list(rs.items, (o) => `${tv(o.level)} · ${tv(o.status)} · ${formatTime(o.effectiveFrom, lang)}${o.expiresAt ? ` → ${formatTime(o.expiresAt, lang)}` : ''}`)),
    ),
  );
  if (p.subject.type === 'ACCOUNT') {
    parts.push(section(t('alerts'), p.alerts.available, list(p.alerts.items, (a) => `${a.detector} · ${tv(a.severity)} · ${formatTime(a.at, lang)}`)));
    parts.push(section(t('recentTransfers'), p.transfers.available, list(p.transfers.items, (x) => `${formatTime(x.at, lang)} · ${x.direction} · ${x.amount} · ${x.counterparty}`)));
    if (p.counterparties.available && p.counterparties.items?.length) parts.push(counterpartyGraph(t('counterparties'), p.subject.display, p.counterparties.items));
    else parts.push(section(t('counterparties'), p.counterparties.available, h('p', { class: 'muted' }, t('none'))));
  }
  if (p.otherCases.length) parts.push(section(t('otherCases'), true, list(p.otherCases, (o) => h('a', { href: `#/cases/${o.id}` }, `${tv(o.status)} · ${formatTime(o.openedAt, lang)} · ${tv(o.resolution)}`))));
  parts.push(facts([[t('suppressedItems'), p.suppressedItems]]));
  return h('section', { class: 'card', id: 'profile', 'aria-labelledby': 'profile-h' }, parts);
}

async function downloadPackage(c, pkg) {
  const data = await api('GET', `/v1/cases/${c.id}/packages/${pkg.id}`);
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: `case-${c.id}-package.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function renderCase(ctx) {
  const id = ctx.params[0];
  const [c, events, profile] = await Promise.all([get(`/v1/cases/${id}`), get(`/v1/cases/${id}/timeline`), get(`/v1/cases/${id}/profile`)]);
  const lang = currentLang();
  const pending = c.decisions.find((d) => d.status === 'PENDING_APPROVAL');
  const summary = h(
    'section',
    { class: 'card', 'aria-labelledby': 'summary-h' },
    h('h2', { id: 'summary-h' }, t('summary')),
    facts([
      [t('subject'), `${tv(c.subject.type)} · ${c.subject.display}${c.subject.name ? ` · ${c.subject.name}` : ''}`],
      [t('status'), h('span', { class: `badge ${c.status}`, id: 'case-status' }, tv(c.status))],
      [t('priority'), h('span', { class: `badge ${c.priority}` }, tv(c.priority))],
      [t('due'), [formatTime(c.dueAt, lang), c.overdue ? h('span', { class: 'badge overdue' }, ` ${t('overdue')}`) : null]],
      [t('assignee'), c.assignee?.name ?? t('unassigned')],
      [t('opened'), formatTime(c.openedAt, lang)],
      [t('source'), c.sources.map(tv).join(', ')],
      [t('findings'), c.findingCodes.join(', ') || '—'],
      c.resolution ? [t('decision'), tv(c.resolution)] : null,
    ]),
  );
  const items = h(
    'section',
    { class: 'card', 'aria-labelledby': 'items-h' },
    h('h2', { id: 'items-h' }, `${t('items')} (${c.items.length})`),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, [t('source'), t('priority'), t('findings'), t('summary'), t('received')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, c.items.map((i) => h('tr', {}, h('td', {}, tv(i.source)), h('td', {}, h('span', { class: `badge ${i.severity}` }, tv(i.severity))), h('td', {}, i.findingCodes.join(', ') || '—'), h('td', {}, i.summary, h('details', {}, h('summary', {}, t('evidence')), h('pre', {}, JSON.stringify(i.evidence, null, 2)))), h('td', {}, formatTime(i.recordedAt, lang))))),
    ),
  );
  const decisions = c.decisions.length
    ? h(
        'section',
        { class: 'card', 'aria-labelledby': 'decisions-h' },
        h('h2', { id: 'decisions-h' }, t('decisions')),
        h('ul', {}, c.decisions.map((d) => h('li', {}, h('span', { class: `badge ${d.status}` }, tv(d.status)), ` ${tv(d.kind)} · ${t('decidedBy')} ${d.decidedByName}${d.reviewedByName ? ` · ${t('reviewedBy')} ${d.reviewedByName}` : ''} · ${d.reason}`))),
        c.packages.length ? h('div', {}, h('h3', {}, t('packages')), c.packages.map((p) => h('button', { type: 'button', onClick: () => void downloadPackage(c, p) }, `${t('download')} ${formatTime(p.createdAt, lang)}`))) : null,
      )
    : null;
  const left = h('div', {}, summary, pending ? pendingPanel(ctx, c, pending) : null, await actions(ctx, c), decisions, items, h('section', { class: 'card', 'aria-labelledby': 'timeline-h' }, h('h2', { id: 'timeline-h' }, t('timeline')), timeline(events)));
  clear(ctx.main).append(
    h('p', {}, h('a', { href: '#/queue' }, `← ${t('backToQueue')}`)),
    h('h1', {}, `${t('caseTitle')} ${c.subject.display}`),
    h('div', { class: 'grid two' }, left, profilePanel(profile)),
  );
}
