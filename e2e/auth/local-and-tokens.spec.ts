import { expect, test } from '@playwright/test';
import { waitForFirstSync, watchProblems } from '../support';
import { admin, signInWithPassword, signedInRequest } from './support';

// A local administrator (created by `npm run user:create-admin` when the e2e server started) signs
// in, creates an API token for a pipeline, the pipeline reads the checklist with it, the token is
// revoked and refused, and the administrator signs out.

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  await waitForFirstSync(await signedInRequest(request));
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/sign-in');
  await signInWithPassword(page, admin.username, 'not the password at all');
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong username or password.' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('an API token for a pipeline: created once, reads the checklist, only as its role, refused once revoked', async ({ page, playwright }) => {
  const problems = watchProblems(page);
  await page.goto('/admin/tokens');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Ftokens$/);
  await signInWithPassword(page);
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
  await expect(page.getByLabel('Signed in')).toContainText('Role: Admin');

  await page.getByLabel('Name').fill('CI checklist gate');
  await page.getByLabel('Role').selectOption('viewer');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copy it now: it will not be shown again.' })).toBeVisible();
  const token = (await page.getByLabel('New API token').textContent()) ?? '';
  expect(token).toMatch(/^wdn_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole('row').filter({ hasText: 'CI checklist gate' });
  await expect(row).toContainText(`${token.slice(0, 12)}…`);
  await expect(row).toContainText('active');
  expect(problems).toEqual([]);

  // The pipeline: no browser, no cookie, just the token.
  const pipeline = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const auth = { Authorization: `Bearer ${token}` };
  const checklist = await pipeline.get('/api/checklist', { headers: auth });
  expect(checklist.status()).toBe(200);
  expect(((await checklist.json()) as { accounts: unknown[] }).accounts.length).toBeGreaterThan(0);
  expect((await pipeline.get('/api/checklist')).status()).toBe(401);
  expect((await pipeline.post('/api/sync', { headers: auth, data: {} })).status()).toBe(403);

  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toContainText('revoked');
  const refused = await pipeline.get('/api/checklist', { headers: auth });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: string }).error).toMatch(/revoked/);
  await pipeline.dispose();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  const audit = page.getByRole('row').filter({ hasText: 'CI checklist gate' });
  await expect(audit.filter({ hasText: 'token.create' })).toContainText(admin.username);
  await expect(audit.filter({ hasText: 'token.revoke' })).toContainText(admin.username);
});

test('sign out ends the session: screens and API ask to sign in again', async ({ page }) => {
  await page.goto('/sign-in');
  await signInWithPassword(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Warden' })).toBeVisible();
  expect((await page.request.get('/api/checklist')).status()).toBe(401);
  await page.goto('/credentials');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcredentials$/);
});
