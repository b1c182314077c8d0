import { expect, test } from '@playwright/test';
import { waitForFirstSync, watchProblems } from './support';

// The overview: the checklist with its evidence and remedy, and "Sync now" refreshing what is shown.

test('a checklist item opens to its evidence and remedy per account', async ({ page, request }) => {
  await waitForFirstSync(request);
  const problems = watchProblems(page);
  await page.goto('/');
  const table = page.getByRole('table', { name: 'Security checklist verdicts per account' });
  await expect(table.getByRole('row')).toHaveCount(18);
  await table.getByRole('button', { name: 'Password policy enforced' }).click();
  const staging = page.getByRole('region', { name: 'Password policy enforced — acme-staging' });
  await expect(staging).toContainText('Fail');
  await expect(staging.locator('pre')).toContainText(/aws iam update-account-password-policy .*--minimum-password-length 14/);
  const management = page.getByRole('region', { name: 'Password policy enforced — acme-management' });
  await expect(management).toContainText('Pass');
  expect(problems).toEqual([]);
});

test('“Sync now” on the overview refreshes the freshness shown', async ({ page, request }) => {
  test.setTimeout(180_000);
  await expect.poll(async () => ((await (await request.get('/api/sync?take=1')).json()) as { running: boolean }).running, { timeout: 120_000 }).toBe(false);
  const problems = watchProblems(page);
  await page.goto('/');
  const freshness = page.getByRole('table', { name: 'When each source was last read, per account' });
  const read = freshness.getByRole('row', { name: /acme-management/ }).locator('time').first();
  await expect(read).toBeVisible();
  const before = await read.getAttribute('datetime');
  expect(before).toBeTruthy();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('button', { name: 'Syncing…' })).toBeVisible();
  await expect.poll(async () => read.getAttribute('datetime'), { timeout: 150_000 }).not.toBe(before);
  expect(new Date((await read.getAttribute('datetime')) ?? '').getTime()).toBeGreaterThan(new Date(before ?? '').getTime());
  expect(problems).toEqual([]);
});
