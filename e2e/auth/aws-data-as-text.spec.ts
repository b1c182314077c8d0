import { expect, test } from '@playwright/test';
import { waitForFirstSync } from '../support';
import { signInWithPassword, signedInRequest } from './support';

// Data from AWS is always text: the e2e server's demo organisation has an IAM user named
// `<img src=x onerror=alert(1)>` (and a sign-in attempt can carry any username into the audit
// log). Both are shown literally; no image element appears and no script runs.

const hostile = '<img src=x onerror=alert(1)>';

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  await waitForFirstSync(await signedInRequest(request));
});

test('a user name that is markup is shown as text in the credentials table and the audit log', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  // A failed sign-in with the markup as username puts it in the audit log too.
  await page.goto('/sign-in');
  await signInWithPassword(page, '<img src=x onerror=alert(2)>', 'whatever it is');
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong username or password.' })).toBeVisible();
  await signInWithPassword(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  await page.goto(`/credentials?q=${encodeURIComponent('onerror')}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Credentials' })).toBeVisible();
  await expect(page.getByRole('table').getByText(hostile, { exact: true }).first()).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  await page.goto('/admin/audit?action=auth.sign-in-failed');
  await expect(page.getByRole('table').getByText('<img src=x onerror=alert(2)>', { exact: true }).first()).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
