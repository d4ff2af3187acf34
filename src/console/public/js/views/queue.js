import { get, qs } from '../api.js';
import { clear, field, formatTime, h, select } from '../dom.js';
import { currentLang, t, tv } from '../i18n.js';

const STATUSES = ['OPEN', 'IN_REVIEW', 'PENDING_APPROVAL', 'CLOSED'];
const PRIORITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const PAGE = 25;

function checks(name, legend, values, chosen) {
  return h(
    'fieldset',
    {},
    h('legend', {}, legend),
    values.map((v) => {
      const id = `${name}-${v}`;
      return h('span', { class: 'check' }, h('input', { type: 'checkbox', id, name, value: v, checked: chosen.includes(v) }), h('label', { for: id }, tv(v)));
    }),
  );
}

export async function renderQueue(ctx) {
  const q = ctx.query;
  const statuses = q.has('status') ? q.get('status').split(',').filter(Boolean) : ['OPEN', 'IN_REVIEW', 'PENDING_APPROVAL'];
  const priorities = q.has('priority') ? q.get('priority').split(',').filter(Boolean) : [];
  const offset = Number(q.get('offset') ?? 0);
  const state = {
    status: statuses.join(','),
    priority: priorities.join(','),
    overdue: q.get('overdue') === 'true' ? 'true' : '',
    assignee: q.get('assignee') ?? '',
    subjectType: q.get('subjectType') ?? '',
    source: q.get('source') ?? '',
    sort: q.get('sort') ?? 'priority',
    order: q.get('order') ?? '',
  };

  const form = h(
    'form',
    {
      class: 'filters card',
      'aria-label': t('filters'),
      onSubmit: (e) => {
        e.preventDefault();
        const fd = new FormData(e.target);
        const next = {
          status: fd.getAll('status').join(','),
          priority: fd.getAll('priority').join(','),
          overdue: fd.get('overdue') ? 'true' : '',
          assignee: fd.get('assignee'),
          subjectType: fd.get('subjectType'),
          source: fd.get('source'),
          sort: fd.get('sort'),
          order: fd.get('order'),
        };
        ctx.navigate(`#/queue${qs(next)}`);
      },
    },
    checks('status', t('status'), STATUSES, statuses),
    checks('priority', t('priority'), PRIORITIES, priorities),
    h('span', { class: 'check' }, h('input', { type: 'checkbox', id: 'f-overdue', name: 'overdue', value: 'true', checked: state.overdue === 'true' }), h('label', { for: 'f-overdue' }, t('overdueOnly'))),
    field(t('assignee'), select('assignee', [['', t('any')], ['ME', t('assigneeMe')], ['UNASSIGNED', t('unassigned')]], state.assignee)),
    field(t('subjectType'), select('subjectType', [['', t('any')], ...['PERSON', 'ENTITY', 'ACCOUNT'].map((v) => [v, tv(v)])], state.subjectType)),
    field(t('source'), select('source', [['', t('any')], ...['SCREENING', 'SECOND_VERIFICATION', 'RESCREEN', 'ALERT', 'MANUAL'].map((v) => [v, tv(v)])], state.source)),
    field(t('sort'), select('sort', [['priority', t('sortPriority')], ['dueAt', t('sortDueAt')], ['openedAt', t('sortOpenedAt')], ['updatedAt', t('sortUpdatedAt')], ['lastItemAt', t('sortLastItemAt')]], state.sort)),
    field(t('order'), select('order', [['', '—'], ['asc', t('asc')], ['desc', t('desc')]], state.order)),
    h('button', { type: 'submit', class: 'primary' }, t('apply')),
  );

  const page = await get(`/v1/cases${qs({ ...state, limit: PAGE, offset })}`);
  const lang = currentLang();
  const rows = page.items.map((c) =>
    h(
      'tr',
      { dataset: { caseId: c.id } },
      h('td', {}, h('span', { class: `badge ${c.priority}` }, tv(c.priority))),
      h('td', {}, h('a', { href: `#/cases/${c.id}`, 'aria-label': `${t('openCase')} ${c.subject.display}` }, c.subject.display), c.subject.name ? h('div', { class: 'muted' }, c.subject.name) : null, h('div', { class: 'muted' }, tv(c.subject.type))),
      h('td', {}, h('span', { class: `badge ${c.status}` }, tv(c.status))),
      h('td', {}, c.assignee?.name ?? h('span', { class: 'muted' }, t('unassigned'))),
      h('td', {}, c.findingCodes.join(', ') || '—', h('div', { class: 'muted' }, c.sources.map(tv).join(', '))),
      h('td', {}, c.itemCount),
      h('td', {}, formatTime(c.dueAt, lang), c.overdue ? h('span', { class: 'badge overdue' }, ` ${t('overdue')}`) : null),
      h('td', {}, formatTime(c.openedAt, lang)),
    ),
  );
  const table = h(
    'table',
    { id: 'queue-table' },
    h('caption', { class: 'visually-hidden' }, t('queueTitle')),
    h('thead', {}, h('tr', {}, [t('priority'), t('subject'), t('status'), t('assignee'), t('findings'), t('items'), t('due'), t('opened')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows),
  );
  const base = { ...state };
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': t('page') },
    h('button', { type: 'button', disabled: offset === 0, onClick: () => ctx.navigate(`#/queue${qs({ ...base, offset: Math.max(0, offset - PAGE) })}`) }, t('previous')),
    h('span', {}, `${page.total === 0 ? 0 : offset + 1}–${offset + page.items.length} / ${page.total} ${t('casesFound')}`),
    h('button', { type: 'button', disabled: offset + PAGE >= page.total, onClick: () => ctx.navigate(`#/queue${qs({ ...base, offset: offset + PAGE })}`) }, t('next')),
  );
  clear(ctx.main).append(
    h('h1', {}, t('queueTitle')),
    form,
    h('section', { class: 'card', 'aria-live': 'polite' }, page.items.length ? table : h('p', {}, t('noCases')), pager),
  );
}
