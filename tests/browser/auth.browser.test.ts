/**
 * Accounts in the browser: the sign-in page in both languages, what each demo role sees, the
 * administrators' Users and Audit trail drawers, an estate's history, and signing out.
 * Screenshots go to tests/output/ (signin-*, users-*, audit-*, history-*), each checked for covered
 * controls, cut labels and raw i18n keys.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_LABELS, type Role } from '../../core/access';
import type { EstateApiFeature, EstateCollection } from '../../client/src/api/types';
import { problemMessage } from '../../core/problems';
import { en } from '../../client/src/shared/i18n/en';
import { zh } from '../../client/src/shared/i18n/zh';
import { DEMO_ACCOUNTS } from '../../server/seed/demo-accounts';
import {
  apiFetch,
  type AppUnderTest,
  launchChromium,
  OUTPUT_DIR,
  signInPage,
  skipBrowserTests,
  startAppUnderTest,
  waitForMap,
  chooseSelectOption,
} from './browser-helpers';
import { layoutProblemsWithin, SCREENSHOT_VIEWPORTS } from './layout-checks';

const VIEWPORTS = SCREENSHOT_VIEWPORTS;
const LANGUAGES = ['zh', 'en'] as const;
const STRINGS = { zh, en } as const;

/** Clickable things of the sign-in page, drawers and modals (checked for being covered or cut). */
const CONTROLS = ['.ant-btn', '.ant-segmented-item', '.ant-input-affix-wrapper', '.ant-select', '.ant-picker', '.ant-collapse-header'];
const LABELS = ['.ant-form-item-label label', '.ant-table-thead th', '.ant-drawer-title', '.ant-tag', '.atlas-audit-label'];

/** Checks the controls and labels inside `scope` (the page, a drawer); raw keys anywhere. */
async function expectClean(page: Page, what: string, scope: string): Promise<void> {
  const found = await layoutProblemsWithin(page, scope, CONTROLS, LABELS);
  expect({ what, ...found }).toEqual({ what, covered: [], cut: [], rawKeys: [] });
}

async function signInThroughForm(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

async function openMenuItem(page: Page, item: 'menu-users' | 'menu-audit' | 'menu-sign-out' | 'menu-password'): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByTestId(item).click();
}

describe.skipIf(skipBrowserTests)('accounts in the browser', () => {
  let server: AppUnderTest | null = null;
  let url = '';
  let browser: Browser;
  let edited: EstateApiFeature;

  beforeAll(async () => {
    server = await startAppUnderTest();
    url = server.url;
    browser = await launchChromium();
    // An estate edit made here, for the audit trail and the estate's history.
    const estates = (await (await apiFetch(`${url}/api/estates`)).json()) as EstateCollection;
    const estate = estates.features[5];
    if (!estate) throw new Error('the demo city has no estates');
    const households = (estate.properties.households ?? 100) + 7;
    const answer = await apiFetch(`${url}/api/estates/${estate.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: estate.properties.version, properties: { households } }),
    });
    expect(answer.status).toBe(200);
    edited = (await answer.json()) as EstateApiFeature;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`shows the sign-in page at ${viewport.width} × ${viewport.height} in both languages, nothing covered or cut`, async () => {
      const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
      try {
        await page.goto(url);
        await page.getByTestId('signin-page').waitFor({ timeout: 30_000 });
        for (const lang of LANGUAGES) {
          await page.getByTestId(`lang-${lang}`).click();
          await page.getByText(STRINGS[lang].auth.demoAccounts).waitFor();
          await page.screenshot({ path: join(OUTPUT_DIR, `signin-${viewport.width}x${viewport.height}-${lang}.png`) });
          await expectClean(page, `sign-in ${lang}`, '.atlas-signin');
        }
        // The demo accounts stay folded until asked for.
        expect(await page.getByTestId('signin-demo-list').count()).toBe(0);
        await page.getByTestId('signin-demo-toggle').click();
        await page.getByTestId('signin-demo-list').waitFor();
        await page.waitForTimeout(400);
        expect(await page.getByTestId('signin-demo-list').textContent()).toContain('demo-leader');
        await page.screenshot({ path: join(OUTPUT_DIR, `signin-demo-${viewport.width}x${viewport.height}-en.png`) });
        await expectClean(page, 'sign-in with demo accounts', '.atlas-signin');
      } finally {
        await page.close();
      }
    });
  }

  it('answers a wrong password and an unknown user with the same message, in the chosen language', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(url);
      await page.getByTestId('signin-page').waitFor({ timeout: 30_000 });
      await signInThroughForm(page, 'demo-admin', 'not-the-password');
      const error = page.getByTestId('signin-error');
      await error.waitFor();
      expect(await error.textContent()).toBe(problemMessage('invalid_credentials', {}, 'zh'));
      await signInThroughForm(page, 'nobody-of-that-name', 'not-the-password');
      await page.getByTestId('lang-en').click();
      await error.getByText(problemMessage('invalid_credentials', {}, 'en')).waitFor();
      expect(await page.getByTestId('account-menu').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  /** What each role may see: drawing, importing, the admin tools. */
  const EXPECTED: Record<Role, { write: boolean; admin: boolean }> = {
    admin: { write: true, admin: true },
    planner: { write: true, admin: false },
    designer: { write: false, admin: false },
    leader: { write: false, admin: false },
  };

  for (const role of ['leader', 'planner', 'designer', 'admin'] as const) {
    it(`signs in as the demo ${role} and shows only what that role may do, then signs out`, async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      try {
        await page.goto(url);
        await page.getByTestId('signin-page').waitFor({ timeout: 30_000 });
        await signInThroughForm(page, DEMO_ACCOUNTS[role].username, DEMO_ACCOUNTS[role].password);
        await waitForMap(page);
        expect(await page.getByTestId('account-name').textContent()).toBe(DEMO_ACCOUNTS[role].username);
        expect(await page.getByTestId('account-role').textContent()).toBe(ROLE_LABELS[role].zh);

        const expected = EXPECTED[role];
        for (const id of ['edit-create', 'import-open'])
          expect(await page.getByTestId(id).isEnabled(), `${role} ${id}`).toBe(expected.write);
        if (!expected.write) {
          // Disabled with the reason, worded as the server's refusal.
          await page.getByTestId('import-open-wrap').hover();
          const reason = problemMessage('forbidden', { role, permission: 'ledger.write' }, 'zh');
          expect(reason).toContain(PERMISSIONS['ledger.write'].zh);
          await page.getByRole('tooltip').getByText(reason).waitFor({ timeout: 5_000 });
          await page.waitForTimeout(400);
          await page.screenshot({ path: join(OUTPUT_DIR, `role-${role}-1440x900-zh.png`) });
          for (const id of ['edit-edit', 'edit-delete']) expect(await page.getByTestId(id).isEnabled()).toBe(false);
          expect(await page.getByTestId('edit-save').count()).toBe(0);
        }
        // Everyone reads the ledger, so everyone may export it.
        await page.getByTestId('ledger-toggle').click();
        expect(await page.getByTestId('export-button').isEnabled()).toBe(true);

        await page.getByTestId('account-menu').click();
        await page.getByTestId('menu-sign-out').waitFor();
        expect(await page.getByTestId('menu-users').count()).toBe(expected.admin ? 1 : 0);
        expect(await page.getByTestId('menu-audit').count()).toBe(expected.admin ? 1 : 0);
        await page.getByTestId('menu-sign-out').click();
        // A click during the menu's opening animation can be lost (once in CI, under load): the item
        // still showing after a while is clicked again.
        const signInPage = page.getByTestId('signin-page');
        if (
          !(await signInPage.waitFor({ timeout: 15_000 }).then(
            () => true,
            () => false,
          ))
        ) {
          if (await page.getByTestId('menu-sign-out').isVisible()) await page.getByTestId('menu-sign-out').click();
          await signInPage.waitFor({ timeout: 30_000 });
        }
        expect((await page.request.get(`${url}/api/estates`)).status()).toBe(401);
      } finally {
        await page.close();
      }
    });
  }

  it('lets an administrator create a user, change its role, disable it, and shows the refusals of a duplicate and of demoting the last administrator', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await signInPage(page, url);
      await page.goto(url);
      await waitForMap(page);
      await openMenuItem(page, 'menu-users');
      await page.getByTestId('user-name-demo-admin').waitFor({ timeout: 10_000 });

      await page.getByTestId('user-create').click();
      await page.getByTestId('user-create-username').fill('Bad Name');
      await page.getByTestId('user-create-password').fill('short');
      await page.getByTestId('user-create-save').click();
      await page.getByText(zh.users.usernameRule).first().waitFor();
      await page.getByText(zh.account.passwordTooShort.replace('{{count}}', '10')).waitFor();

      await page.getByTestId('user-create-username').fill('survey-team');
      await page.getByTestId('user-create-password').fill('survey-team-2026');
      await page.getByTestId('user-create-save').click();
      await page.getByTestId('user-name-survey-team').waitFor({ timeout: 10_000 });

      await chooseSelectOption(page, page.getByTestId('user-role-survey-team'), ROLE_LABELS.leader.zh);
      await page
        .getByText(zh.users.roleChanged.replace('{{username}}', 'survey-team').replace('{{role}}', ROLE_LABELS.leader.zh))
        .waitFor();
      const users = (await (await apiFetch(`${url}/api/users`)).json()) as { username: string; role: string }[];
      expect(users.find((u) => u.username === 'survey-team')?.role).toBe('leader');

      await page.getByTestId('user-toggle-survey-team').click();
      await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await page.getByTestId('user-status-survey-team').getByText(zh.users.disabled).waitFor({ timeout: 10_000 });
      // The only administrator cannot be demoted: the server's reason is shown (the select goes back, so
      // the refusal is what says the choice was made; the popconfirm closing over the list can swallow it).
      const refusal = page.getByTestId('users-error').getByText(problemMessage('last_admin', {}, 'zh'));
      await chooseSelectOption(page, page.getByTestId('user-role-demo-admin'), ROLE_LABELS.leader.zh, {
        check: () => refusal.isVisible(),
        withinMs: 10_000,
      });

      await page.getByTestId('user-create').click();
      await page.getByTestId('user-create-username').fill('survey-team');
      await page.getByTestId('user-create-password').fill('survey-team-2026');
      await page.getByTestId('user-create-save').click();
      await page.getByText(problemMessage('username_taken', { username: 'survey-team' }, 'zh')).waitFor({ timeout: 10_000 });
    } finally {
      await page.close();
    }
  });

  it('filters the audit trail by object and downloads the filtered trail as CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await signInPage(page, url);
      await page.goto(url);
      await waitForMap(page);
      await openMenuItem(page, 'menu-audit');
      const table = page.getByTestId('audit-page');
      await table.locator('.ant-table-row').first().waitFor({ timeout: 10_000 });
      await chooseSelectOption(page, page.getByTestId('audit-filter-entity'), zh.audit.entities.estate);
      await page.getByTestId('audit-search').click();
      await page.waitForFunction(
        (estate) => {
          const cells = [...document.querySelectorAll('[data-testid="audit-page"] .ant-table-row td:nth-child(6)')];
          return cells.length > 0 && cells.every((cell) => cell.textContent === estate);
        },
        zh.audit.entities.estate,
        { timeout: 10_000 },
      );
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
      const path = await download.path();
      const csv = readFileSync(path, 'utf8');
      expect(csv).toContain(String(edited.id));
      expect(csv).not.toContain('survey-team');
    } finally {
      await page.close();
    }
  });

  it('sends the user back to sign in, in their language, when the session ends under them', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await signInPage(page, url);
      await page.goto(url);
      await waitForMap(page);
      await page.getByTestId('lang-en').click();
      // The server no longer knows this browser: the next call answers 401.
      await page.context().clearCookies();
      await openMenuItem(page, 'menu-users');
      await page.getByTestId('signin-page').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('signin-reason').textContent()).toBe(problemMessage('session_expired', {}, 'en'));
      expect(await page.getByTestId('signin-submit').textContent()).toBe(en.auth.submit);
    } finally {
      await page.close();
    }
  });

  // One page for all four sizes and languages: a page load costs seconds of software WebGL, the drawers do not.
  it("shows users, the audit trail of an estate edit and the estate's history at both sizes in both languages", async () => {
    const page = await browser.newPage({ viewport: VIEWPORTS[0], deviceScaleFactor: 1 });
    try {
      await signInPage(page, url);
      await page.goto(url);
      await waitForMap(page);
      for (const viewport of VIEWPORTS) {
        for (const lang of LANGUAGES) {
          const size = `${viewport.width}x${viewport.height}-${lang}`;
          await page.setViewportSize(viewport);
          await page.getByTestId(`lang-${lang}`).click();
          const strings = STRINGS[lang];

          await openMenuItem(page, 'menu-users');
          await page.getByTestId('user-name-demo-leader').waitFor({ timeout: 10_000 });
          await page.waitForTimeout(400);
          await page.screenshot({ path: join(OUTPUT_DIR, `users-${size}.png`) });
          await expectClean(page, `users ${size}`, '.atlas-admin-drawer');
          await page.locator('.ant-drawer-close').click();

          await openMenuItem(page, 'menu-audit');
          const table = page.getByTestId('audit-page');
          // The newest entry whose object-id cell is the edited estate's id (the id alone would also match dates).
          const row = table
            .locator('.ant-table-row')
            .filter({ has: page.locator('td', { hasText: new RegExp(`^${edited.id}$`) }) })
            .first();
          await row.waitFor({ timeout: 10_000 });
          await row.locator('.ant-table-row-expand-icon').click();
          const change = table.getByTestId('audit-change-households').first();
          await change.waitFor({ timeout: 10_000 });
          const households = edited.properties.households ?? 0;
          expect(await change.textContent()).toContain(String(households));
          expect(await change.textContent()).toContain(lang === 'zh' ? '户数' : 'Households');
          await page.waitForTimeout(400);
          await page.screenshot({ path: join(OUTPUT_DIR, `audit-${size}.png`) });
          await expectClean(page, `audit ${size}`, '.atlas-admin-drawer');
          await page.locator('.ant-drawer-close').click();

          await page.getByTestId('ledger-toggle').click();
          await page.getByTestId('ledger-search').locator('input').fill(edited.properties.name);
          await page.locator(`.atlas-ledger [data-estate-id="${edited.id}"] [data-testid="ledger-name"]`).click();
          const history = page.getByTestId('estate-history');
          const entry = history.getByTestId('estate-history-entry').first();
          await entry.waitFor({ timeout: 10_000 });
          expect(await history.textContent()).toContain(strings.history.title);
          expect(await entry.textContent()).toContain('demo-admin');
          expect(await entry.getByTestId('audit-change-households').textContent()).toContain(String(households));
          await entry.scrollIntoViewIfNeeded();
          await page.mouse.move(2, viewport.height - 2);
          await page.waitForTimeout(400);
          await page.screenshot({ path: join(OUTPUT_DIR, `history-${size}.png`) });
          await expectClean(page, `history ${size}`, '.atlas-estate-drawer');
          await page.locator('.atlas-estate-drawer .ant-drawer-close').click();
          await page.getByTestId('estate-history').waitFor({ state: 'hidden' });
          await page.getByTestId('ledger-close').click();
        }
      }
    } finally {
      await page.close();
    }
  }, 240_000);
  // Last: it changes the demo designer's password on this test server.
  it('changes the own password: the session ends and the new password signs in', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(url);
      await page.getByTestId('signin-page').waitFor({ timeout: 30_000 });
      await signInThroughForm(page, DEMO_ACCOUNTS.designer.username, DEMO_ACCOUNTS.designer.password);
      await waitForMap(page);
      await openMenuItem(page, 'menu-password');
      await page.getByTestId('password-current').fill('not-my-password');
      await page.getByTestId('password-new').fill('a-new-designer-password');
      await page.getByTestId('password-confirm').fill('a-new-designer-password');
      await page.getByTestId('password-save').click();
      // A wrong current password is the form's error, not a lost session.
      await page.locator('.ant-form-item-explain-error').first().waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('signin-page').count()).toBe(0);

      await page.getByTestId('password-current').fill(DEMO_ACCOUNTS.designer.password);
      await page.getByTestId('password-save').click();
      await page.getByTestId('signin-page').waitFor({ timeout: 30_000 });
      await page.getByText(zh.account.passwordChanged).waitFor();
      await signInThroughForm(page, DEMO_ACCOUNTS.designer.username, 'a-new-designer-password');
      await waitForMap(page);
      expect(await page.getByTestId('account-name').textContent()).toBe(DEMO_ACCOUNTS.designer.username);
    } finally {
      await page.close();
    }
  });
});
