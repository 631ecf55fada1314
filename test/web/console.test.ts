import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_TENANTS } from '../../src/model/tenant.ts';

/**
 * The console in a real browser against a real Vaern: the demo's simulated municipalities send
 * syslog through the whole pipeline, and Chromium signs in, reads the breach-attempt map, works
 * the alert queue that detection filled from the demo, hunts for an address and switches language. Every screen is checked with axe
 * (no serious or critical WCAG 2.1 AA violations) and photographed into test/web/artifacts/.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test/web/artifacts');

function skipReason(): string | undefined {
  if (!existsSync(join(ROOT, 'src/app/start.ts'))) return 'src/app/start.ts (startVaern) is not there yet';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium`;
  return undefined;
}

/** Build web/dist when it is missing or older than the newest console source. */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  const index = join(ROOT, 'web/dist/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(ROOT, 'web/src'))) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

const reason = skipReason();

test('console: sign in, overview map, alerts, hunt, sensors, administration, languages; axe on every screen', { skip: reason, timeout: 600_000 }, async (t) => {
  ensureBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const { ADMIN_PASSWORD: PASSWORD, LOOPBACK_SYSLOG, startTestVaern } = await import('../helpers/vaern.ts');
  const { chromium } = await import('playwright-core');
  const { AxeBuilder } = await import('@axe-core/playwright');

  const profile = mkdtempSync(join(tmpdir(), 'vaern-chromium-'));
  // Two hours of backfill hold the demo's vertical scan and SMB fan-out, which it always runs in
  // the half hour before it starts, so detection has alerts to triage here.
  const running = await startTestVaern({ listeners: LOOPBACK_SYSLOG }, { demo: { backfillHours: 2, seed: 5 } });
  const { vaern } = running;
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
    });
    const { base } = running;
    // `backfilled` means handed to the sockets; wait until the pipeline has decoded all of it, then
    // until it is stored and detection has run over it, so the alert queue holds its alerts.
    await vaern.demo!.backfilled;
    const sent = vaern.demo!.sent();
    for (let i = 0; i < 480; i++) {
      const { decoded, rejected } = vaern.pipeline.stats();
      if (decoded + rejected >= sent) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    await vaern.pipeline.flush();
    await vaern.detection.flush();

    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    const axe = async (name: string) => {
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(
        bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`),
        [],
        `axe on ${name}`,
      );
    };
    const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    const heading = () => page.locator('h1').first();

    // Sign in (the admin's saved language is English); the language test switches later.
    await page.goto(base);
    await page.getByLabel('Username').waitFor();
    await axe('sign-in');
    await shot('01-sign-in');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong passphrase!!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await t.test('overview shows the demo\'s breach attempts by country', async () => {
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      const table = page.locator('table', { has: page.locator('caption', { hasText: 'Countries with the most breach attempts' }) });
      await table.waitFor({ timeout: 30_000 });
      const rows = await table.locator('tbody tr').allInnerTexts();
      assert.ok(rows.length >= 3, `country rows: ${rows.length}`);
      const codes = rows.join('\n');
      for (const cc of ['US', 'CN', 'RU']) assert.match(codes, new RegExp(`\\b${cc}\\b`), `${cc} in the table`);
      assert.equal(await page.locator('.world-map path.map-c0').count() > 0, true);
      assert.ok((await page.locator('.world-map path:not(.map-c0)').count()) >= 3, 'countries coloured on the map');
      await page.getByRole('heading', { name: 'Ingest health' }).waitFor();
      await axe('overview');
      await shot('02-overview');
    });

    await t.test('alerts: detection raised alerts from the demo; filter, acknowledge one, read it', async () => {
      await page.getByRole('link', { name: 'Alerts', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
      const table = page.locator('table', { has: page.locator('caption', { hasText: /\balerts?\b/ }) });
      const rows = table.locator('tbody tr');
      const empty = page.getByText('No alerts match.');
      await Promise.race([table.waitFor(), empty.waitFor()]);
      assert.ok(await table.isVisible(), 'detection raised no alerts from the demo\'s backfill');
      /** The queue's rows once they pass `ok` (React re-renders after each filter), or after 10 s. */
      const settled = async (ok: (rows: string[]) => boolean): Promise<string[]> => {
        let texts: string[] = [];
        for (let i = 0; i < 40 && !ok((texts = await rows.allInnerTexts())); i++) await page.waitForTimeout(250);
        return texts;
      };

      await page.getByLabel('Search title, entity, technique').fill('port scan');
      const scans = await settled((r) => r.length > 0 && r.every((x) => x.includes('port scan')));
      assert.ok(scans.length > 0 && scans.every((x) => x.includes('port scan')), `port-scan alerts from the demo: ${scans.join(' | ')}`);
      const severity = (await rows.first().locator('.badge').innerText()).replace(/^\W+/, '').trim();
      await page.getByLabel('Severity').selectOption({ label: severity });
      const before = (await settled((r) => r.every((x) => x.includes(severity)))).length;
      await rows.first().locator('input[type=checkbox]').check();
      await page.getByRole('button', { name: 'Acknowledge' }).first().click();
      await page.getByRole('status').filter({ hasText: '1 alert acknowledged.' }).waitFor();
      const after = await settled((r) => r.length === before - 1);
      assert.equal(after.length, before - 1, 'the acknowledged alert left the open queue');

      // Every status again, so the acknowledged alert is back in the queue to be read.
      await page.getByLabel('Status', { exact: true }).selectOption({ label: 'All' });
      await page.getByLabel('Severity').selectOption({ label: 'All' });
      await page.getByLabel('Search title, entity, technique').fill('');
      await rows.filter({ hasText: 'Acknowledged' }).first().getByRole('link').click();
      await page.getByRole('heading', { level: 3, name: 'Why this alert' }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Entities' }).waitFor();
      await axe('alerts');
      await shot('03-alerts');
    });

    await t.test('hunt for one address', async () => {
      const sample = await page.evaluate(async () => {
        const r = await fetch('/api/v1/events?limit=50&action=denied');
        const body = (await r.json()) as { events: { source?: { ip?: string } }[] };
        return body.events.map((e) => e.source?.ip).find((ip) => ip !== undefined);
      });
      assert.ok(sample, 'an address to hunt for');
      await page.getByRole('link', { name: 'Hunt', exact: true }).click();
      await page.getByLabel('Address', { exact: true }).fill(sample);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get('ip') === sample);
      const results = page.locator('table', { has: page.locator('caption', { hasText: 'Matching events' }) });
      await results.waitFor();
      // The previous results stay on screen while the new search loads: wait until they are replaced.
      let rows: string[] = [];
      for (let i = 0; i < 40; i++) {
        rows = await results.locator('tbody tr').allInnerTexts();
        if (rows.length > 0 && rows.every((row) => row.includes(sample))) break;
        await page.waitForTimeout(250);
      }
      assert.ok(rows.length > 0);
      for (const row of rows) assert.ok(row.includes(sample), `every result involves ${sample}`);
      const csv = await page.getByRole('link', { name: 'Download all as CSV' }).getAttribute('href');
      assert.match(csv!, new RegExp(`ip=${encodeURIComponent(sample)}`));
      await axe('hunt');
      await shot('04-hunt');
    });

    await t.test('sensors, centre and administration pass axe', async () => {
      for (const [link, title, name] of [
        ['Sensors and sources', 'Sensors and sources', '05-sensors'],
        ['Centre', 'Centre view', '06-centre'],
        ['Administration', 'Administration', '07-admin'],
      ] as const) {
        await page.getByRole('link', { name: link, exact: true }).click();
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        // The live stream keeps a request open, so wait for the spinners rather than network idle.
        await page.locator('.spinner').first().waitFor({ state: 'detached' });
        await axe(name);
        await shot(name);
      }
    });

    await t.test('administration: create a user, change its role and password; edit a municipality; axe on the editors', async () => {
      await page.getByRole('link', { name: 'Administration', exact: true }).click();
      await page.getByRole('tab', { name: 'Users' }).click();
      const create = page.locator('form', { has: page.locator('#new-username') });
      await page.locator('#new-username').fill('kari');
      await page.locator('#new-display').fill('Kari Nordmann');
      await page.locator('#new-password').fill('a long first passphrase');
      await create.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('status').filter({ hasText: 'User kari created.' }).waitFor();
      const row = page.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'kari', exact: true }) });
      assert.match(await row.innerText(), /Viewer/);

      await page.getByRole('button', { name: 'Edit kari' }).click();
      await page.getByRole('heading', { level: 2, name: 'User kari' }).waitFor();
      assert.equal(await page.locator(':focus').innerText(), 'User kari', 'focus on the editor it opened');
      await page.getByRole('group', { name: 'Role 1' }).getByLabel('Role').selectOption({ label: 'Analyst' });
      await page.getByRole('button', { name: 'Add a role' }).click();
      await page.getByRole('group', { name: 'Role 2' }).getByLabel('Municipality').selectOption({ label: 'Whole centre' });
      await axe('administration, user editor');
      await shot('11-admin-user-edit');
      await page.getByRole('button', { name: 'Remove role 2' }).click();
      await page.getByRole('button', { name: 'Save roles' }).click();
      await page.getByRole('status').filter({ hasText: 'Roles of kari saved.' }).waitFor();
      await row.filter({ hasText: 'Analyst' }).waitFor();
      assert.doesNotMatch(await row.innerText(), /Viewer|Whole centre/);
      await page.locator('#edit-password').fill('a long second passphrase');
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByRole('status').filter({ hasText: 'Password of kari changed' }).waitFor();
      await page.getByRole('button', { name: 'Disable kari' }).click();
      await row.filter({ hasText: 'Disabled' }).waitFor();
      const stored = await vaern.state.users.byUsernameWithSecret('kari');
      assert.deepEqual([stored?.disabled, stored?.grants.map((g) => g.role)], [true, ['analyst']]);

      await page.getByRole('tab', { name: 'Municipalities' }).click();
      const first = await page.locator('tbody tr th').first().innerText();
      await page.getByRole('button', { name: `Edit ${first}` }).click();
      await page.getByRole('heading', { level: 2, name: `Municipality ${first}` }).waitFor();
      assert.ok((await page.locator('#edit-tenant-networks').inputValue()).includes('/'), "the tenant's networks are in the form");
      await page.locator('#edit-tenant-name').fill(`${first} (renamed)`);
      await page.locator('form', { has: page.locator('#edit-tenant-name') }).getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').filter({ hasText: `${first} (renamed) saved.` }).waitFor();
      await page.getByRole('rowheader', { name: `${first} (renamed)` }).waitFor();
      await axe('administration, municipality editor');
      await page.locator('#edit-tenant-name').fill(first);
      await page.locator('form', { has: page.locator('#edit-tenant-name') }).getByRole('button', { name: 'Save' }).click();
      await page.getByRole('rowheader', { name: first, exact: true }).waitFor();
    });

    await t.test('alert evidence is named and dated for the reader; suppress one, then remove the rule on the suppressions screen', async () => {
      await page.getByRole('link', { name: 'Alerts', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
      await page.locator('table tbody tr').first().getByRole('link').click();
      await page.getByRole('heading', { level: 3, name: 'Why this alert' }).waitFor();
      const explanation = await page.locator('.explanation').innerText();
      assert.doesNotMatch(explanation, /\d{4}-\d\d-\d\dT\d\d:/, `ISO times left in: ${explanation}`);
      const names = await page.locator('section', { has: page.getByRole('heading', { name: 'Evidence' }) }).locator('dt').allInnerTexts();
      assert.ok(names.length > 0, 'evidence shown');
      for (const n of names) assert.match(n, /^[A-Z]/, `untranslated evidence key ${n}`);
      const entity = await page.locator('.alert-detail p', { hasText: 'About:' }).locator('.mono').innerText();
      await page.getByLabel('Reason').fill('browser test: known scanner');
      await page.getByRole('button', { name: 'Suppress', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'suppressed for 24 hours' }).waitFor();

      await page.getByRole('link', { name: 'Suppressions', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Suppressions' }).waitFor();
      const rule = page.locator('tbody tr', { hasText: 'browser test: known scanner' });
      await rule.waitFor();
      assert.match(await rule.innerText(), /In force/);
      assert.match(await rule.innerText(), /admin/);
      await axe('suppressions');
      await shot('12-suppressions');
      page.once('dialog', (d) => void d.accept());
      await rule.getByRole('button', { name: `Remove the rule for ${entity}` }).click();
      await page.getByRole('status').filter({ hasText: `Rule for ${entity} removed.` }).waitFor();
      await rule.waitFor({ state: 'detached' });
      assert.equal((await vaern.state.suppressions.list(ALL_TENANTS, Date.now())).some((s) => s.reason === 'browser test: known scanner'), false);
      await page.getByLabel('Show').selectOption({ label: 'In force and expired' });
      await page.locator('.spinner').first().waitFor({ state: 'detached' });
      await axe('suppressions, with expired');
    });

    await t.test('switch language: saved for the user and applied at the next sign-in', async () => {
      await page.getByRole('link', { name: 'Overview', exact: true }).click();
      await page.getByLabel('Language').selectOption('da');
      await heading().filter({ hasText: 'Overblik' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'da');
      await page.getByText('Lande med flest indbrudsforsøg').waitFor();
      await shot('08-overview-da');
      await page.getByRole('button', { name: 'Log ud' }).click();
      await page.getByLabel('Brugernavn').waitFor();
      await page.getByLabel('Sprog').selectOption('en');
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await heading().filter({ hasText: 'Overblik' }).waitFor();
      await page.getByLabel('Sprog').selectOption('nb');
      await heading().filter({ hasText: 'Oversikt' }).waitFor();
      await page.getByText('Land med flest innbruddsforsøk').waitFor();
    });

    await t.test('dark theme and tablet width', async () => {
      await page.getByLabel('Tema').selectOption('dark');
      await page.getByText('Land med flest innbruddsforsøk').waitFor();
      await axe('overview, dark');
      await shot('09-overview-dark');
      await page.setViewportSize({ width: 820, height: 1100 });
      await axe('overview, tablet');
      await shot('10-overview-tablet');
    });

    assert.deepEqual(errors, [], 'no uncaught errors in the page');
  } finally {
    await context?.close();
    await running.stop();
    rmSync(profile, { recursive: true, force: true });
  }
});

if (reason) console.log(`# console browser test skipped: ${reason}`);
