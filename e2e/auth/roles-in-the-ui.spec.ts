import { expect, test, type Page } from '@playwright/test';
import { waitForFirstSync } from '../support';
import { signInWithPassword, signedInRequest } from './support';

// What each role sees. The server enforces the access table (app/access-policy.test.ts); here the
// screens follow it: a viewer reads everything but is offered no triage, review or sync action and
// no administration, a triager triages and reviews but cannot start a sync, and a page or action
// beyond the role is refused, not just hidden.

const password = 'a long enough passphrase for e2e';
const people = { viewer: 'uma-viewer', triager: 'tom-triager' } as const;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  const adminApi = await signedInRequest(request);
  await waitForFirstSync(adminApi);
  for (const [role, username] of Object.entries(people)) {
    const res = await adminApi.post('/api/admin/users', { data: { username, role, password } });
    expect([201, 409]).toContain(res.status());
  }
});

async function signIn(page: Page, username: string) {
  await page.goto('/sign-in');
  await signInWithPassword(page, username, password);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
}

/** Opens the first active finding's details from the Findings screen. */
async function openFirstFinding(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings' }).click();
  const table = page.getByRole('table', { name: 'Access Analyzer findings' });
  await table.getByRole('button', { name: /^Details of the finding on / }).first().click();
  return page.getByRole('dialog', { name: /Finding details/ });
}

test('a viewer reads every screen but is offered no action beyond reading, and is refused one all the same', async ({ page }) => {
  await signIn(page, people.viewer);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(page.getByLabel('Signed in')).toContainText('Role: Viewer');
  await expect(nav.getByRole('link', { name: 'Accounts' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);

  const details = await openFirstFinding(page);
  await expect(details.getByText('Finding id')).toBeVisible();
  await expect(details.getByRole('button', { name: /Archive|Re-activate/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  const table = page.getByRole('table', { name: 'Access Analyzer findings' });
  await table.getByRole('checkbox', { name: /^Select finding on / }).first().check();
  const selection = page.getByRole('region', { name: 'Selection' });
  await expect(selection).toContainText('Archiving and re-activating need the triager role.');
  await expect(selection.getByRole('button', { name: /Archive|Re-activate/ })).toHaveCount(0);

  await nav.getByRole('link', { name: 'Review' }).click();
  await expect(page.getByText('Reviews are run by triagers and administrators; you can read everything here.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Start review/ })).toHaveCount(0);

  await nav.getByRole('link', { name: 'Sync' }).click();
  const syncNow = page.getByRole('button', { name: 'Sync now' });
  await expect(syncNow).toBeDisabled();
  await expect(syncNow).toHaveAttribute('title', /Only an administrator can start a sync/);

  // Hidden is a convenience; the server refuses.
  const archive = await page.request.post('/api/findings/status', { data: { action: 'archive', keys: ['x'], reason: 'r' } });
  expect(archive.status()).toBe(403);
  expect(((await archive.json()) as { error: string }).error).toMatch(/triager role; you are a viewer/);
  const accounts = await page.goto('/admin/accounts');
  expect(accounts?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'No access' })).toBeVisible();
  await expect(page.getByText('not allowed: this needs the admin role; you are a viewer')).toBeVisible();
});

test('a triager archives and reviews, but cannot start a sync or manage anything', async ({ page }) => {
  await signIn(page, people.triager);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(page.getByLabel('Signed in')).toContainText('Role: Triager');
  await expect(nav.getByRole('link', { name: 'Accounts' })).toHaveCount(0);

  const details = await openFirstFinding(page);
  await expect(details.getByRole('button', { name: 'Archive…' })).toBeVisible();
  await page.keyboard.press('Escape');

  await nav.getByRole('link', { name: 'Review' }).click();
  await expect(page.getByText('Reviews are run by triagers and administrators; you can read everything here.')).toHaveCount(0);

  await nav.getByRole('link', { name: 'Sync' }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeDisabled();
  expect((await page.request.post('/api/sync', { data: {} })).status()).toBe(403);
  expect((await page.request.post('/api/admin/accounts', { data: { name: 'x', roleArn: 'arn:aws:iam::123456789012:role/x' } })).status()).toBe(403);
});

test('anyone with a local account changes their own password from "Your account"', async ({ page }) => {
  await signIn(page, people.viewer);
  await page.getByLabel('Signed in').getByRole('link', { name: 'Your account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByText('a Warden password')).toBeVisible();
  const form = page.getByRole('form', { name: 'Change your password' });
  const next = 'a brand new passphrase for uma';
  await form.getByLabel('Current password').fill('not my password at all');
  await form.getByLabel(/^New password \(/).fill(next);
  await form.getByLabel('New password again').fill(next);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toContainText('currentPassword: that is not your current password');

  await form.getByLabel('Current password').fill(password);
  await form.getByLabel(/^New password \(/).fill(next);
  await form.getByLabel('New password again').fill(next);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status')).toContainText('Your password was changed.');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto('/sign-in');
  await signInWithPassword(page, people.viewer, password);
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong username or password.' })).toBeVisible();
  await signInWithPassword(page, people.viewer, next);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
});
