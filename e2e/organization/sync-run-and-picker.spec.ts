import { expect, test } from '@playwright/test';
import { watchProblems } from '../support';

// A sync run of the 1,000-account organization (started by overview-ou.spec.ts) on the Sync screen:
// its accounts come a page at a time from the server, those with a problem first; and the account
// picker finds an account by asking the server, never holding the whole organization.

type Tally = { total: number; accounts: number; problemAccounts: number };
type RunList = { running: boolean; runs: { id: string; status: string; tally: Tally }[] };
type RunAccounts = { total: number; problemAccounts: number; accounts: { accountId: string; accountName: string; problem: boolean }[] };
type Directory = { accounts: { id: string; name: string; ouPath: string | null }[]; matches: number; total: number };
type OuTree = { ous: { path: string; accounts: number }[] };

test('the latest run’s accounts a page at a time, problems first; the picker chooses an account the server found', async ({ page, request }) => {
  test.setTimeout(900_000);
  const problems = watchProblems(page);
  // The organization's sync runs for minutes: wait until it has read every account.
  await expect
    .poll(
      async () => {
        // A connection the busy server dropped is asked again at the next poll.
        const response = await request.get('/api/sync?take=1').catch(() => null);
        if (!response?.ok()) return false;
        const list = (await response.json()) as RunList;
        return !list.running && list.runs[0] !== undefined && list.runs[0].status !== 'running';
      },
      { timeout: 840_000, intervals: [2_000] },
    )
    .toBe(true);
  const latest = ((await (await request.get('/api/sync?take=1')).json()) as RunList).runs[0];
  if (!latest) throw new Error('no sync run');
  expect(latest.tally.accounts).toBeGreaterThan(900);
  // About 1% of the members lack the member role: their sources fail.
  expect(latest.tally.problemAccounts).toBeGreaterThan(0);
  expect(latest.tally.problemAccounts).toBeLessThan(50);
  const firstPage = (await (await request.get(`/api/sync/runs/${latest.id}/accounts`)).json()) as RunAccounts;
  const secondPage = (await (await request.get(`/api/sync/runs/${latest.id}/accounts?page=2`)).json()) as RunAccounts;

  await page.goto('/sync');
  const run = page.getByRole('list', { name: 'Sync runs' }).getByRole('listitem').first();
  await expect(run).toContainText(`${latest.tally.accounts.toLocaleString('en-US')} accounts:`);
  // The newest run is open: its first 50 accounts, those with a failed, skipped or incomplete source first.
  await expect(run.getByText(`${latest.tally.problemAccounts} accounts with a failed, skipped or incomplete source, listed first`)).toBeVisible();
  const pages = run.getByRole('navigation', { name: 'Pages of the run’s accounts', exact: true });
  await expect(pages).toContainText(`Showing 1–50 of ${latest.tally.accounts.toLocaleString('en-US')}`);
  const table = run.getByRole('table', { name: /^Sources read in the run started/ });
  await expect(table.getByRole('cell', { name: 'Credential report', exact: true })).toHaveCount(50);
  const accountCells = table.locator('tbody tr td:first-child:not(:empty)');
  await expect(accountCells).toHaveCount(50);
  for (let i = 0; i < latest.tally.problemAccounts; i += 1) {
    const shown = firstPage.accounts[i];
    expect(shown?.problem).toBe(true);
    await expect(accountCells.nth(i)).toContainText(shown?.accountId ?? '—');
  }
  // The first account with a problem: its sources failed (the member role is missing).
  await expect(table.locator('tbody tr').first()).toContainText('failed');
  const firstFine = firstPage.accounts[latest.tally.problemAccounts];
  expect(firstFine?.problem).toBe(false);
  await expect(accountCells.nth(latest.tally.problemAccounts)).toContainText(firstFine?.accountId ?? '—');

  await pages.getByRole('button', { name: 'Next' }).click();
  await expect(pages).toContainText(`Showing 51–100 of ${latest.tally.accounts.toLocaleString('en-US')}`);
  await expect(accountCells.first()).toContainText(secondPage.accounts[0]?.accountId ?? '—');
  await expect(table).not.toContainText(firstPage.accounts[0]?.accountId ?? '—');

  // The picker: the server says how many accounts there are and sends the first 100 matches.
  const picker = page.getByRole('combobox', { name: 'Account' });
  const listbox = page.getByRole('listbox', { name: 'Accounts' });
  await picker.click();
  const all = (await (await request.get('/api/accounts/directory?take=0')).json()) as Directory;
  await expect(listbox.getByRole('option', { name: /^All accounts/ })).toContainText(all.total.toLocaleString('en-US'));
  await expect(listbox.getByText(`${(all.total - 100).toLocaleString('en-US')} more accounts match: type to narrow.`)).toBeVisible();
  await expect(listbox.getByRole('option')).toHaveCount(101);
  // An account of the last OU, far beyond the first 100: typing its name finds it on the server.
  const tree = ((await (await request.get('/api/accounts/ous')).json()) as OuTree).ous;
  const lastOu = tree.at(-1)?.path ?? '';
  const target = ((await (await request.get(`/api/accounts/directory?q=${encodeURIComponent(lastOu)}&take=1`)).json()) as Directory).accounts[0];
  if (!target) throw new Error(`no account in ${lastOu}`);
  const firstHundred = (await (await request.get('/api/accounts/directory')).json()) as Directory;
  expect(firstHundred.accounts.map((a) => a.id)).not.toContain(target.id);
  await picker.fill(target.name);
  const option = listbox.getByRole('option', { name: new RegExp(target.id) });
  await expect(option).toBeVisible();
  await option.click();
  await expect(page).toHaveURL(new RegExp(`[?&]account=${target.id}(&|$)`));
  await expect(picker).toHaveValue(`${target.name} (${target.id})`);
  // The Sync screen follows: only runs that read this account, only its sources.
  await expect(page.getByRole('heading', { name: `Sync runs that read account ${target.id}` })).toBeVisible();
  const own = page.getByRole('list', { name: 'Sync runs' }).getByRole('listitem').first();
  await expect(own).toContainText('1 account:');
  await expect(own.getByRole('table', { name: /^Sources read in the run started/ }).locator('tbody tr')).toHaveCount(5);
  await expect(own.getByRole('table', { name: /^Sources read in the run started/ })).toContainText(target.id);
  expect(problems).toEqual([]);
});
