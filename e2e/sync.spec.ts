import { expect, test, type APIRequestContext } from '@playwright/test';
import { watchProblems } from './support';

// The sync journey: the start-up run with what its sources add up to and, opened, each account's
// sources from the server; "Sync now" shows live progress and adds a manual run.

type Run = { id: string; trigger: string; status: string; apiCalls: number; tally: { total: number; ok: number; accounts: number } };
type RunAccounts = { accounts: { accountId: string; accountName: string }[]; total: number };

test.describe.configure({ mode: 'serial' });

async function runs(request: APIRequestContext): Promise<{ running: boolean; runs: Run[] }> {
  return (await (await request.get('/api/sync?take=50')).json()) as { running: boolean; runs: Run[] };
}

test('the sync screen shows the start-up run and, once done, each account’s sources', async ({ page, request }) => {
  test.setTimeout(150_000);
  const problems = watchProblems(page);
  await page.goto('/sync');
  const list = page.getByRole('list', { name: 'Sync runs' });
  const startup = list.getByRole('listitem').filter({ hasText: 'trigger startup' });
  await expect(startup).toHaveCount(1, { timeout: 30_000 });
  // The page follows the run while it is in progress and shows its outcome when it ends.
  await expect(startup.getByText(/^Run status: (ok|partial|failed)$/)).toBeVisible({ timeout: 120_000 });

  const run = (await runs(request)).runs.find((r) => r.trigger === 'startup');
  if (!run) throw new Error('no start-up run');
  expect(run.status).not.toBe('running');
  await expect(startup).toContainText(`${run.apiCalls.toLocaleString('en-US')} API calls`);
  await expect(startup).toContainText(`${run.tally.ok.toLocaleString('en-US')} of ${run.tally.total.toLocaleString('en-US')} sources ok`);
  await expect(startup).toContainText(`${run.tally.accounts} accounts:`);
  const sources = startup.getByRole('table', { name: /^Sources read in the run started/ });
  // Only the newest run opens by itself, and an earlier journey (the overview's Sync now) may have
  // run since: open the start-up run if it is closed.
  if ((await startup.locator('details').getAttribute('open')) === null) await startup.locator('summary').click();
  await expect(sources).toBeVisible();
  // The demo's few accounts fit on one page: every source of every account, one row each.
  await expect(startup.getByText(`Showing 1–${run.tally.accounts} of ${run.tally.accounts}`)).toBeVisible();
  await expect(sources.getByRole('row')).toHaveCount(run.tally.total + 1);
  await expect(sources.getByRole('cell', { name: 'Credential report', exact: true })).toHaveCount(run.tally.accounts);

  // The server searches the run's accounts by name.
  const { accounts } = (await (await request.get(`/api/sync/runs/${run.id}/accounts`)).json()) as RunAccounts;
  const last = accounts.at(-1);
  if (!last) throw new Error('the start-up run read no account');
  await startup.getByRole('searchbox', { name: 'Search the run’s accounts' }).fill(last.accountName);
  await expect(sources.getByRole('cell', { name: 'Credential report', exact: true })).toHaveCount(1);
  await expect(sources).toContainText(last.accountId);
  await startup.getByRole('searchbox', { name: 'Search the run’s accounts' }).fill('no account is called this');
  await expect(startup.getByText('No account of this run has a name or id containing “no account is called this”.')).toBeVisible();
  expect(problems).toEqual([]);
});

test('“Sync now” shows progress, then the manual run with its outcome', async ({ page, request }) => {
  test.setTimeout(180_000);
  const problems = watchProblems(page);
  await expect.poll(async () => (await runs(request)).running, { timeout: 120_000 }).toBe(false);
  const before = (await runs(request)).runs.length;
  await page.goto('/sync');
  // An earlier journey (the overview's Sync now) may have added a manual run already.
  const manual = page.getByRole('list', { name: 'Sync runs' }).getByRole('listitem').filter({ hasText: 'trigger manual' });
  const manualBefore = await manual.count();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('progressbar', { name: 'Sources done' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Sync in progress \(manual\)/ })).toBeVisible();
  await expect(manual).toHaveCount(manualBefore + 1);
  await expect(manual.first().getByText(/^Run status: (ok|partial|failed)$/)).toBeVisible({ timeout: 150_000 });
  await expect(page.getByRole('progressbar', { name: 'Sources done' })).toHaveCount(0);
  const after = await runs(request);
  expect(after.runs.length).toBe(before + 1);
  expect(after.runs[0]?.trigger).toBe('manual');
  expect(problems).toEqual([]);
});
