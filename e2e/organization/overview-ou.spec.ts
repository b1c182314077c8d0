import { expect, test } from '@playwright/test';
import { watchProblems } from '../support';

// The overview of an organization of 1,000 member accounts (WARDEN_DEMO_ORGANIZATION_ACCOUNTS; see
// playwright.config.ts): the sync discovers every account with its OU, the roll-up per OU counts
// them, and choosing an OU narrows the server-paged matrix to that OU and below.

type OuTree = { ous: { path: string; accounts: number }[] };
type Summary = { total: number; items: unknown[]; accounts: { evaluatedAt: string | null }[] };

test('a 1,000-account organization: discovered, rolled up per OU, and filtered by OU', async ({ page, request }) => {
  test.setTimeout(420_000);
  const problems = watchProblems(page);
  await page.goto('/sync');
  // The sync starts here rather than at start-up, so that it does not run beside the other journeys.
  await page.getByRole('button', { name: 'Sync now' }).click();

  // Discovery lists the whole organization first; the checklist follows account by account.
  await expect
    .poll(async () => ((await (await request.get('/api/accounts/ous')).json()) as OuTree).ous.find((o) => o.path === 'Root')?.accounts ?? 0, { timeout: 120_000 })
    .toBeGreaterThanOrEqual(1000);
  await expect
    .poll(async () => {
      const s = (await (await request.get('/api/checklist/summary?sort=name&pageSize=200')).json()) as Summary;
      return s.items.length > 0 ? s.accounts.filter((a) => a.evaluatedAt !== null).length : 0;
    }, { timeout: 240_000 })
    .toBeGreaterThanOrEqual(20);

  const tree = ((await (await request.get('/api/accounts/ous')).json()) as OuTree).ous;
  const sandboxOu = tree.find((o) => o.path === 'Root/Sandbox');
  expect(sandboxOu && sandboxOu.accounts).toBeGreaterThan(10);

  await page.goto('/');
  const rollup = page.getByRole('table', { name: 'Accounts failing each checklist item, per OU' });
  await expect(rollup.getByRole('button', { name: 'Sandbox', exact: true })).toBeVisible();
  const accounts = page.getByRole('region', { name: /^Accounts/ });
  const pages = accounts.getByText(/^Showing 1–\d+ of [\d,]+/);
  await expect(pages).toContainText(/of 1,0\d\d/);

  await rollup.getByRole('button', { name: 'Sandbox', exact: true }).click();
  await expect(page).toHaveURL(/[?&]ou=Root%2FSandbox(&|$)/);
  await expect(pages).toContainText(`of ${(sandboxOu?.accounts ?? 0).toLocaleString('en-US')}`);
  const matrix = page.getByRole('table', { name: 'Checklist verdicts per account' });
  const rows = matrix.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBe(Math.min(50, sandboxOu?.accounts ?? 0));
  for (let i = 0; i < count; i += 1) await expect(rows.nth(i)).toContainText('Root/Sandbox');

  // A search inside the OU narrows further, on the server.
  const first = (await rows.first().getByRole('link').first().textContent())?.trim() ?? '';
  expect(first).not.toBe('');
  await page.getByRole('searchbox', { name: 'Search accounts' }).fill(first);
  await expect(pages).toContainText(/of [1-9]$/);
  await expect(rows.first()).toContainText(first);
  expect(problems).toEqual([]);
});
