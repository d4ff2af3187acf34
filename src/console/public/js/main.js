// The console shell: header, navigation, language switch and a hash router.
import { logout, restore, session, whenUnauthenticated } from './api.js';
import { clear, h } from './dom.js';
import { currentLang, setLang, t } from './i18n.js';
import { renderCase } from './views/case.js';
import { renderDashboard } from './views/dashboard.js';
import { renderLogin } from './views/login.js';
import { renderEntry, renderNegativeList } from './views/negative-list.js';
import { renderQueue } from './views/queue.js';
import { renderRestrictions } from './views/restrictions.js';
import { renderSuppressions } from './views/suppressions.js';

const routes = [
  { re: /^#\/login$/, view: renderLogin, public: true },
  { re: /^#\/queue$/, view: renderQueue, nav: 'navQueue' },
  { re: /^#\/cases\/([0-9a-f-]{36})$/, view: renderCase, nav: 'navQueue' },
  { re: /^#\/dashboard$/, view: renderDashboard, nav: 'navDashboard' },
  { re: /^#\/negative-list$/, view: renderNegativeList, nav: 'navNegativeList' },
  { re: /^#\/negative-list\/([0-9a-f-]{36})$/, view: renderEntry, nav: 'navNegativeList' },
  { re: /^#\/restrictions$/, view: renderRestrictions, nav: 'navRestrictions' },
  { re: /^#\/suppressions$/, view: renderSuppressions, nav: 'navSuppressions' },
];

const NAV = [
  ['#/queue', 'navQueue'],
  ['#/dashboard', 'navDashboard'],
  ['#/negative-list', 'navNegativeList'],
  ['#/restrictions', 'navRestrictions'],
  ['#/suppressions', 'navSuppressions'],
];

export function navigate(hash) {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

let toastTimer;
export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 4000);
}

function header(activeNav) {
  const bar = clear(document.getElementById('topbar'));
  document.getElementById('skip-link').textContent = t('skip');
  bar.append(h('a', { class: 'brand', href: '#/queue' }, t('appTitle')));
  if (session.me) {
    bar.append(
      h('nav', { 'aria-label': t('nav') }, h('ul', {}, NAV.map(([href, key]) => h('li', {}, h('a', { href, 'aria-current': key === activeNav ? 'page' : undefined }, t(key)))))),
    );
  }
  bar.append(h('span', { class: 'spacer' }));
  if (session.me) bar.append(h('span', { class: 'who' }, `${t('signedInAs')}: ${session.me.name} (${session.me.roles.join(', ')})`));
  bar.append(
    h(
      'button',
      {
        type: 'button',
        id: 'lang-switch',
        lang: currentLang() === 'zh' ? 'en' : 'zh-CN',
        'aria-label': t('languageSwitch'),
        onClick: () => {
          setLang(currentLang() === 'zh' ? 'en' : 'zh');
          void route();
        },
      },
      t('language'),
    ),
  );
  if (session.me) {
    bar.append(
      h('button', {
        type: 'button',
        onClick: () => {
          logout();
          navigate('#/login');
        },
      }, t('logout')),
    );
  }
}

async function route() {
  const hash = location.hash || '#/queue';
  const [path, query = ''] = hash.split('?');
  const match = routes.map((r) => ({ r, m: r.re.exec(path) })).find((x) => x.m);
  if (!match) return navigate('#/queue');
  if (!match.r.public && !session.me && !(await restore())) return navigate('#/login');
  header(match.r.nav);
  if (path !== lastPath) document.getElementById('toast').classList.remove('show');
  lastPath = path;
  // Each navigation renders into its own container: a view still loading when the user moves on
  // finishes into a container that is no longer on the page, never over the newer view.
  const seq = ++routeSeq;
  const root = clear(document.getElementById('main'));
  const main = h('div', { class: 'view' }, h('p', { class: 'loading' }, t('loading')));
  root.append(main);
  const ctx = { main, params: match.m.slice(1), query: new URLSearchParams(query), navigate, toast };
  try {
    await match.r.view(ctx);
  } catch (e) {
    clear(main).append(h('h1', {}, t('error')), h('p', { class: 'error', role: 'alert' }, e?.message ?? String(e)));
  }
  if (seq !== routeSeq) return;
  const heading = main.querySelector('h1');
  document.title = `${heading ? heading.textContent + ' · ' : ''}${t('appTitle')}`;
  // After navigating inside the console, focus moves to the new content (as a page load would
  // put a screen reader at the top); on the first load the browser's own start is kept, so the
  // skip link is the first Tab stop.
  if (!ctx.keepFocus && !firstRoute) root.focus({ preventScroll: false });
  firstRoute = false;
}

let firstRoute = true;
let lastPath = '';
let routeSeq = 0;

whenUnauthenticated(() => navigate('#/login'));
window.addEventListener('hashchange', () => void route());
void route();
