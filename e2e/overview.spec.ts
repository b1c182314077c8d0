import { expect, test } from '@playwright/test';
import { waitForFirstSync, watchProblems } from './support';

// The overview: every account's verdicts with the roll-up per OU, one account's checklist with its
// evidence and remedy, and "Sync now" refreshing what is shown.

test('the roll-up per OU filters the accounts; an account opens to its items, evidence and remedy', async ({ page, request }) => {
  await waitForFirstSync(request);
  const problems = watchProblems(page);
  await page.goto('/');
  const matrix = page.getByRole('table', { name: 'Checklist verdicts per account' });
  await expect(matrix.getByRole('row')).toHaveCount(5);
  const rollup = page.getByRole('table', { name: 'Accounts failing each checklist item, per OU' });
  await expect(rollup.getByRole('rowheader', { name: 'Not in an organization' })).toBeVisible();

  await rollup.getByRole('button', { name: 'Workloads' }).click();
  await expect(page).toHaveURL(/[?&]ou=Root%2FWorkloads(&|$)/);
  await expect(page.getByRole('combobox', { name: 'OU', exact: true })).toHaveValue('Root/Workloads');
  await expect(matrix.getByRole('row')).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Search accounts' }).fill('staging');
  await expect(matrix.getByRole('row')).toHaveCount(2);

  await matrix.getByRole('link', { name: 'acme-staging' }).click();
  await expect(page).toHaveURL(/[?&]account=\d{12}/);
  await page.getByRole('table', { name: 'Checklist of acme-staging' }).getByRole('button', { name: 'Password policy enforced' }).click();
  const staging = page.getByRole('region', { name: 'Password policy enforced — acme-staging' });
  await expect(staging).toContainText('Fail');
  await expect(staging.locator('pre')).toContainText(/aws iam update-account-password-policy .*--minimum-password-length 14/);

  // The picker filters as one types.
  await page.getByRole('combobox', { name: 'Account' }).fill('management');
  await page.getByRole('listbox', { name: 'Accounts' }).getByRole('option', { name: /acme-management/ }).click();
  await page.getByRole('table', { name: 'Checklist of acme-management' }).getByRole('button', { name: 'Password policy enforced' }).click();
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
