import { get, qs, session } from '../api.js';
import { bars, columns, PALETTE, SEVERITY_COLORS, stackedBars } from '../charts.js';
import { append, clear, field, h, select } from '../dom.js';
import { t, tv } from '../i18n.js';

const DAY = 86_400_000;

function isoDay(d) {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function kpi(label, n, id) {
  return h('div', { class: 'kpi', id }, h('div', { class: 'n' }, String(n)), h('div', { class: 'l' }, label));
}

export async function renderDashboard(ctx) {
  const q = ctx.query;
  const now = new Date();
  const fromDay = q.get('from') ?? isoDay(new Date(now.getTime() - 29 * DAY));
  const toDay = q.get('to') ?? isoDay(now);
  const institutionId = q.get('institutionId') ?? '';
  const seesAll = ['OPERATOR', 'REGULATOR', 'POLICE'].includes(session.me.institutionKind);
  const params = { from: `${fromDay}T00:00:00+08:00`, to: new Date(new Date(`${toDay}T00:00:00+08:00`).getTime() + DAY).toISOString(), institutionId };
  const s = await get(`/v1/stats${qs(params)}`);

  const fromInput = h('input', { type: 'date', name: 'from', value: fromDay, required: true });
  const toInput = h('input', { type: 'date', name: 'to', value: toDay, required: true });
  const instSelect = seesAll
    ? select('institutionId', [['', t('allInstitutions')], ...s.perInstitution.map((i) => [i.institutionId, `${i.code} · ${i.name}`])], institutionId)
    : null;
  const form = h(
    'form',
    {
      class: 'filters card',
      onSubmit: (e) => {
        e.preventDefault();
        ctx.navigate(`#/dashboard${qs({ from: fromInput.value, to: toInput.value, institutionId: instSelect?.value ?? '' })}`);
      },
    },
    field(t('from'), fromInput),
    field(t('to'), toInput),
    instSelect ? field(t('institution'), instSelect) : null,
    h('button', { type: 'submit', class: 'primary' }, t('apply')),
  );

  const kpis = h(
    'div',
    { class: 'kpis' },
    kpi(t('openingsBlocked'), s.openingsBlocked, 'kpi-blocked'),
    kpi(t('secondVerifications'), s.secondVerifications.total, 'kpi-sv'),
    kpi(t('accountsReviewed'), s.accountsReviewed, 'kpi-reviewed'),
    kpi(t('personsRestricted'), s.restrictions.personsRestricted, 'kpi-persons'),
    kpi(t('openCases'), s.cases.byStatus.OPEN + s.cases.byStatus.IN_REVIEW + s.cases.byStatus.PENDING_APPROVAL, 'kpi-open'),
    kpi(t('overdueCases'), s.cases.overdue, 'kpi-overdue'),
  );

  const severityKeys = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].map((k) => ({ key: k, label: tv(k), color: SEVERITY_COLORS[k] }));
  const statusKeys = ['ACTIVE', 'UNDER_APPEAL', 'EXPIRED', 'REVOKED'].map((k, i) => ({ key: k, label: tv(k), color: [PALETTE[1], PALETTE[3], PALETTE[7], PALETTE[2]][i] }));
  const charts = h(
    'div',
    { class: 'grid charts' },
    h('div', { class: 'card' }, columns(t('casesByDay'), s.cases.byDay.map((d) => ({ day: d.day, values: { opened: d.opened, closed: d.closed } })), [{ key: 'opened', label: t('openedLegend'), color: PALETTE[0] }, { key: 'closed', label: t('closedLegend'), color: PALETTE[2] }])),
    h('div', { class: 'card' }, bars(t('casesByStatus'), Object.entries(s.cases.byStatus).map(([k, v]) => [tv(k), v]), { color: PALETTE[4] })),
    h('div', { class: 'card' }, bars(t('screenings'), Object.entries(s.screenings.byDecision).map(([k, v]) => [tv(k), v]), { color: PALETTE[5] })),
    h('div', { class: 'card' }, stackedBars(t('alertsByDetector'), s.alerts.byDetector.map((r) => ({ label: r.key, values: r.by })), severityKeys)),
    h('div', { class: 'card' }, bars(t('accountsByLevel'), Object.entries(s.restrictions.accountsByLevel).map(([k, v]) => [tv(k), v]), { color: PALETTE[1] })),
    h('div', { class: 'card' }, stackedBars(t('listByCategory'), s.negativeList.byCategory.map((r) => ({ label: tv(r.key), values: r.by })), statusKeys)),
    h('div', { class: 'card' }, bars(t('appealsByOutcome'), Object.entries(s.appeals.byOutcome).map(([k, v]) => [tv(k), v]), { color: PALETTE[3] })),
    h(
      'div',
      { class: 'card' },
      bars(
        t('fpRates'),
        s.falsePositiveRates.map((r) => [`${r.findingCode} (${tv(r.kind)}, ${r.falsePositives}/${r.decided})`, Math.round((r.rate ?? 0) * 100)]),
        { color: PALETTE[6], format: (v) => `${v}%` },
      ),
    ),
  );

  const perInst = h(
    'section',
    { class: 'card', 'aria-labelledby': 'per-inst-h' },
    h('h2', { id: 'per-inst-h' }, t('perInstitution')),
    h(
      'table',
      { id: 'per-institution' },
      h('thead', {}, h('tr', {}, [t('institution'), t('queries'), t('alerts'), t('openCases'), t('overdueCases')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, s.perInstitution.map((i) => h('tr', {}, h('th', { scope: 'row' }, `${i.code} · ${i.name}`), h('td', {}, i.queries), h('td', {}, i.alerts), h('td', {}, i.openCases), h('td', {}, i.overdueCases)))),
    ),
  );
  const pending = s.pending.length ? h('p', { class: 'muted' }, `${t('pendingFigures')}: ${s.pending.join(', ')}`) : null;
  append(clear(ctx.main), [h('h1', {}, t('dbTitle')), form, kpis, charts, perInst, pending]);
}
