import { get, post, qs, session } from '../api.js';
import { clear, formatTime, h } from '../dom.js';
import { currentLang, t, tv } from '../i18n.js';

export async function renderSuppressions(ctx) {
  const active = ctx.query.get('active') !== 'false';
  const page = await get(`/v1/cases/suppressions${qs({ active: active ? 'true' : '', limit: 200 })}`);
  const lang = currentLang();
  const toggle = h('input', { type: 'checkbox', id: 'sp-active', checked: active, onChange: (e) => ctx.navigate(`#/suppressions${qs({ active: e.target.checked ? '' : 'false' })}`) });
  const rows = page.items.map((s) => {
    const reason = h('input', { 'aria-label': `${t('reason')} (${s.findingCode}, ${s.subjectDisplay})` });
    return h(
      'tr',
      {},
      h('td', {}, s.findingCode, h('div', { class: 'muted' }, tv(s.findingKind))),
      h('td', {}, s.subjectDisplay, h('div', {}, h('a', { href: `#/cases/${s.caseId}` }, t('caseTitle')))),
      h('td', {}, s.reason),
      h('td', {}, s.createdByName, h('div', { class: 'muted' }, formatTime(s.createdAt, lang))),
      h('td', {}, s.active ? formatTime(s.expiresAt, lang) : h('span', { class: 'badge' }, s.revokedAt ? tv('REVOKED') : tv('EXPIRED'))),
      h('td', {}, s.hitCount),
      h(
        'td',
        {},
        s.active && session.has('SUPERVISOR')
          ? h(
              'form',
              {
                class: 'actions-row',
                onSubmit: async (e) => {
                  e.preventDefault();
                  try {
                    await post(`/v1/cases/suppressions/${s.id}/revoke`, { reason: reason.value.trim() || '—' });
                    ctx.toast(t('revoke'));
                    ctx.navigate(location.hash);
                  } catch (err) {
                    ctx.toast(err.message);
                  }
                },
              },
              reason,
              h('button', { type: 'submit' }, t('revoke')),
            )
          : null,
      ),
    );
  });
  clear(ctx.main).append(
    h('h1', {}, t('spTitle')),
    h('p', {}, h('span', { class: 'check' }, toggle, h('label', { for: 'sp-active' }, t('activeOnly')))),
    h(
      'section',
      { class: 'card' },
      page.items.length
        ? h('table', {}, h('thead', {}, h('tr', {}, [t('findings'), t('subject'), t('reason'), t('createdBy'), t('until'), t('hits'), t('actions')].map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, rows))
        : h('p', {}, t('none')),
    ),
  );
}
