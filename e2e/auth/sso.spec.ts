import { expect, test, type Page } from '@playwright/test';
import { watchProblems } from '../support';
import { startTestProvider, type TestProvider } from './test-provider';

// Single sign-on through a real OpenID Connect provider (oidc-provider, started here on loopback):
// each person lands with the role their groups map to (WARDEN_OIDC_ROLE_MAP of the e2e server:
// sec-admins → admin, sec-team → triager, auditors → viewer); anyone else is refused.

test.describe.configure({ mode: 'serial' });

let provider: TestProvider;

test.beforeAll(async () => {
  provider = await startTestProvider();
});

test.afterAll(async () => {
  await provider.close();
});

/** Sign in with the provider's own login and consent pages (its development login takes any password). */
async function signInWithSso(page: Page, login: string): Promise<void> {
  await page.getByRole('link', { name: 'Sign in with Test SSO' }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/`));
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('not checked by the test provider');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a member of sec-team signs in through the provider, lands where they were going, as a triager', async ({ page }) => {
  await page.goto('/findings?status=ARCHIVED');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ffindings%3Fstatus%3DARCHIVED$/);
  await signInWithSso(page, 'ada.lovelace');
  await expect(page).toHaveURL(/\/findings\?status=ARCHIVED$/);
  const problems = watchProblems(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Findings' })).toBeVisible();
  const panel = page.getByLabel('Signed in');
  await expect(panel).toContainText('ada.lovelace@example.test');
  await expect(panel).toContainText('Role: Triager');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toHaveCount(0);
  expect(problems).toEqual([]);

  // Hiding is a convenience: the server refuses what a triager may not do.
  const adminPage = await page.goto('/admin/users');
  expect(adminPage?.status()).toBe(403);
  await expect(page.getByText('this needs the admin role; you are a triager')).toBeVisible();
  const sync = await page.request.post('/api/sync', { data: {} });
  expect(sync.status()).toBe(403);
  // … and allows what a triager may: the triage API answers past the guard (400: no findings named).
  const triage = await page.request.post('/api/findings/status', { data: { action: 'archive', keys: [] } });
  expect(triage.status()).toBe(400);
});

test('someone none of whose groups is mapped is refused, and stays signed out', async ({ page }) => {
  await page.goto('/');
  await signInWithSso(page, 'eve.outsider');
  await expect(page).toHaveURL(/\/sign-in\?error=no-role/);
  await expect(page.getByRole('alert').filter({ hasText: 'none of your groups gives access to Warden' })).toBeVisible();
  expect((await page.request.get('/api/checklist')).status()).toBe(401);
});

test('a callback this browser did not start (a forged state) signs nobody in', async ({ page }) => {
  await page.goto('/api/auth/oidc/callback?code=stolen-code&state=forged-state');
  await expect(page).toHaveURL(/\/sign-in\?error=expired/);
  await expect(page.getByRole('alert').filter({ hasText: 'started in another browser' })).toBeVisible();
  expect((await page.request.get('/api/checklist')).status()).toBe(401);
});

test('a member of sec-admins is an admin: administration screens, and the audit log of these sign-ins', async ({ page }) => {
  await page.goto('/');
  await signInWithSso(page, 'grace.hopper');
  await expect(page).toHaveURL(/\/$/);
  const panel = page.getByLabel('Signed in');
  await expect(panel).toContainText('grace.hopper@example.test');
  await expect(panel).toContainText('Role: Admin');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  const grace = page.getByRole('row').filter({ hasText: 'grace.hopper@example.test' });
  await expect(grace).toContainText('single sign-on');
  await expect(grace).toContainText('admin');
  await expect(page.getByRole('row').filter({ hasText: 'ada.lovelace@example.test' })).toContainText('triager');
  await expect(page.getByRole('row').filter({ hasText: 'eve.outsider' })).toHaveCount(0);

  await nav.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Actions').selectOption({ label: 'Sign-in' });
  await page.getByRole('button', { name: 'Filter' }).click();
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: 'auth.sign-in-failed' }).filter({ hasText: 'eve.outsider@example.test' })).toContainText('none of the groups in claim "groups" is mapped');
  await expect(rows.filter({ hasText: 'ada.lovelace@example.test' }).filter({ hasText: 'auth.sign-in' }).first()).toContainText('oidc');
  await expect(rows.filter({ hasText: 'state does not match this browser' })).toHaveCount(1);
});

test('signing out at the provider ends the Warden session at once (back-channel logout)', async ({ page }) => {
  await page.goto('/');
  await signInWithSso(page, 'ada.lovelace');
  await expect(page.getByLabel('Signed in')).toContainText('ada.lovelace@example.test');
  expect((await page.request.get('/api/checklist')).status()).toBe(200);

  // At the provider: its own sign-out page; it then calls Warden's back-channel logout endpoint.
  await page.goto(`${provider.issuer}/session/end`);
  await page.getByRole('button', { name: /sign me out/i }).click();
  await expect.poll(async () => (await page.request.get('/api/checklist')).status()).toBe(401);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
});
