import { mkdirSync } from 'node:fs';
import playwright, { type Browser, type Page } from 'playwright-core';
import { makeResidentId } from '../../src/domain/identity/national-id-factory.js';
import { CasesService } from '../../src/modules/cases/cases.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seedAccounts, seedInstitution, type SeededInstitution } from '../support/world.js';

/**
 * The console in a real browser (Debian's chromium driven by playwright-core): an analyst logs
 * in, opens a case from the queue, decides RESTRICT; a supervisor approves; both see the account's
 * restriction and the timeline change. Screenshots of the main pages go to test-artifacts/console.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = 'test-artifacts/console';
const BANK_CODE = 'CB01';
const ACCOUNT = '6222021234567890';

describe('compliance console in a browser', () => {
  let t: TestApp;
  let bank: SeededInstitution;
  let browser: Browser;
  let page: Page;
  let caseId: string;

  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  async function signIn(username: string): Promise<void> {
    await page.goto(`${t.baseUrl}/console/#/login`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(bank.password);
    // Keyboard only: Enter in the password field submits the form.
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Case queue' }).waitFor();
  }

  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestApp();
    bank = await seedInstitution(t, 'CONSOLEBANK');
    const holder = makeResidentId({ divisionCode: '440305', birthDate: '2003-04-05', sequence: 3, sex: 'MALE' });
    const now = new Date();
    await seedAccounts(t, [
      { bankCode: BANK_CODE, accountNumber: ACCOUNT, institutionId: bank.id, branchCode: '0101', idNumber: holder, holderName: '李小龙', accountClass: 'II', openedAt: new Date(now.getTime() - 10 * 86_400_000), updatedAt: now },
    ]);
    const cases = t.app.get(CasesService);
    const subject = { type: 'ACCOUNT' as const, key: `${BANK_CODE}:${ACCOUNT}`, display: `${BANK_CODE} 622202******7890`, name: '李小龙' };
    const alert = await cases.attachItem({ institutionId: bank.id, subject, source: 'ALERT', sourceId: 'alert-console-1', severity: 'CRITICAL', findingCodes: ['RAPID_PASS_THROUGH'], summary: '98% of CNY 48,000 received left within 6 minutes', occurredAt: now, evidence: { inFen: 4_800_000, outFen: 4_704_000 } });
    await cases.attachItem({ institutionId: bank.id, subject, source: 'ALERT', sourceId: 'alert-console-2', severity: 'HIGH', findingCodes: ['FAN_IN'], summary: '23 senders in 40 minutes', occurredAt: now });
    caseId = alert.caseId!;
    await cases.attachItem({ institutionId: bank.id, subject: { type: 'ACCOUNT', key: `${BANK_CODE}:6222020000000001`, display: `${BANK_CODE} 622202******0001` }, source: 'MANUAL', sourceId: 'ref-console-1', severity: 'LOW', findingCodes: [], summary: 'Branch referral: customer coached by a companion', occurredAt: now });

    browser = await playwright.chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
    // A step that never completes fails on its own, naming the locator, before the test's budget runs out.
    page.setDefaultTimeout(20_000);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  }, 30_000);

  it('serves the console from the app with no outside requests', async () => {
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(t.baseUrl) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
    });
    const res = await page.goto(`${t.baseUrl}/console/`);
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot('01-login');
    const bare = await fetch(`${t.baseUrl}/console`, { redirect: 'manual' });
    expect([301, 302]).toContain(bare.status);
    expect(bare.headers.get('location')).toBe('/console/');
    const asset = await fetch(`${t.baseUrl}/console/js/main.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(outside).toEqual([]);
  }, 30_000);

  it('lets an analyst open a case from the queue and decide RESTRICT, which waits for a supervisor', async () => {
    await signIn(bank.usernames.ANALYST);
    const row = page.locator(`#queue-table tr[data-case-id="${caseId}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Critical');
    await shot('02-queue');

    // Filters: only LOW cases, then back.
    await page.getByRole('checkbox', { name: 'Low' }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    // The rows before the filter are on screen until the filtered ones replace them.
    await row.waitFor({ state: 'detached' });
    await page.locator('#queue-table tbody tr').first().waitFor();
    expect(await page.locator('#queue-table tbody tr').count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Low' }).uncheck();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator(`#queue-table tr[data-case-id="${caseId}"]`).waitFor();

    await page.locator(`#queue-table tr[data-case-id="${caseId}"] a`).click();
    await page.getByRole('heading', { level: 1, name: /Case CB01/ }).waitFor();
    await page.locator('#profile').getByText('Restrictions').waitFor();
    await shot('03-case');

    const form = page.locator('#decision-form');
    await form.getByLabel('Decision', { exact: true }).selectOption('RESTRICT');
    await form.getByLabel('Restriction level').selectOption('FROZEN');
    await expect(form.getByText('Needs a supervisor’s approval').isVisible()).resolves.toBe(true);
    await form.getByLabel('Reason', { exact: true }).fill('Pass-through of CNY 47,040 within minutes from 23 senders: a collection account.');
    await form.getByRole('button', { name: 'Submit decision' }).click();
    await page.locator('#pending-decision').waitFor();
    await expect(page.locator('#case-status').textContent()).resolves.toBe('Pending approval');
    await expect(page.locator('#case-timeline li').last().getAttribute('data-kind')).resolves.toBe('DECISION_PROPOSED');
    // The analyst cannot approve their own decision: no button is offered.
    expect(await page.locator('#pending-decision').getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await shot('04-decided');
    await signOut();
  }, 60_000);

  it('lets a supervisor approve; the account is frozen and the timeline shows it', async () => {
    await signIn(bank.usernames.SUPERVISOR);
    await page.getByRole('checkbox', { name: 'Open', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'In review' }).uncheck();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator(`#queue-table tr[data-case-id="${caseId}"] a`).click();
    await page.locator('#pending-decision').waitFor();
    await page.locator('#pending-decision').getByLabel('Comment').fill('Agreed: freeze while the police check.');
    await page.locator('#pending-decision').getByRole('button', { name: 'Approve' }).click();
    await page.locator('#case-timeline li[data-kind="RESTRICTION_CREATED"]').waitFor();
    await expect(page.locator('#case-status').textContent()).resolves.toBe('Closed');
    // Page-side code is passed as text: the test program is compiled without the DOM library.
    const kinds = await page.evaluate<string[]>("[...document.querySelectorAll('#case-timeline li')].map((e) => e.dataset.kind)");
    expect(kinds.slice(-5)).toEqual(['DECISION_PROPOSED', 'DECISION_APPROVED', 'DECISION_APPLIED', 'RESTRICTION_CREATED', 'CLOSED']);
    await expect(page.locator('#profile-restrictions').textContent()).resolves.toContain('Frozen');
    await shot('05-approved');

    // The restrictions page shows the account's effective level and the order's history.
    await page.getByRole('link', { name: 'Restrictions' }).click();
    await page.getByLabel('Bank code').fill(BANK_CODE);
    await page.getByLabel('Account number').fill(ACCOUNT);
    await page.getByLabel('Account number').press('Enter');
    await page.locator('#effective-level').getByText('Frozen').waitFor();
    await shot('06-restrictions');

    const api = await t.request('GET', `/v1/accounts/${BANK_CODE}/${ACCOUNT}/restrictions`, { token: bank.tokens.ANALYST });
    expect(api.body.current.level).toBe('FROZEN');
    expect(api.body.orders[0].basis).toMatchObject({ type: 'CASE', reference: caseId });
  }, 60_000);

  it('shows the dashboard, the negative list and suppressions, and switches to Chinese', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.locator('figure.chart').first().waitFor();
    expect(await page.locator('figure.chart').count()).toBeGreaterThanOrEqual(8);
    await expect(page.locator('#kpi-open .n').textContent()).resolves.toBe('1');
    await shot('07-dashboard');

    await page.getByRole('link', { name: 'Negative list' }).click();
    await page.getByRole('heading', { level: 1, name: 'Negative list' }).waitFor();
    await shot('08-negative-list');

    await page.getByRole('link', { name: 'Suppressions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Suppressions' }).waitFor();

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('heading', { level: 1, name: '误报抑制' }).waitFor();
    await page.getByRole('link', { name: '待办队列' }).click();
    await page.getByRole('heading', { level: 1, name: '案件队列' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await shot('09-queue-zh');
    await page.getByRole('link', { name: '统计看板' }).click();
    await page.getByRole('heading', { level: 1, name: '统计看板' }).waitFor();
    await shot('10-dashboard-zh');
  }, 60_000);

  it('can be worked with the keyboard alone', async () => {
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.goto(`${t.baseUrl}/console/#/queue`);
    await page.getByRole('heading', { level: 1, name: 'Case queue' }).waitFor();
    // On a fresh load the skip link is the first stop and moves focus to the content.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Case queue' }).waitFor();
    // The heading comes before the queue's rows (a fetch of their own): tab only once they are there.
    await page.locator('a[href^="#/cases/"]').first().waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement?.id')).resolves.toBe('skip-link');
    await page.keyboard.press('Enter');
    // Tab through the filters to the first case link, and open it with Enter.
    let onCaseLink = false;
    for (let i = 0; i < 40 && !onCaseLink; i++) {
      await page.keyboard.press('Tab');
      onCaseLink = await page.evaluate<boolean>("(document.activeElement?.getAttribute('href') ?? '').startsWith('#/cases/')");
    }
    expect(onCaseLink).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Case / }).waitFor();
    await page.goto(`${t.baseUrl}/console/#/queue`);
    // Should the queue not appear, the failure says what the page showed instead.
    await page
      .getByRole('heading', { level: 1, name: 'Case queue' })
      .waitFor()
      .catch(async (err: unknown) => {
        throw new Error(`${err instanceof Error ? err.message : String(err)}\npage at ${page.url()} shows: ${(await page.locator('#main').innerText()).slice(0, 500)}`);
      });
    // Every form control on the queue page has a label.
    const unlabelled = await page.evaluate<number>(
      "[...document.querySelectorAll('main input, main select, main textarea')].filter((el) => !el.labels?.length && !el.getAttribute('aria-label')).length",
    );
    expect(unlabelled).toBe(0);
  }, 60_000);
});
