import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { waitForFirstSync, watchProblems } from './support';
import { parse } from 'csv-parse/sync';

// The credentials journey: filter the table, export the view as CSV, and check that the file holds
// exactly the rows of the filter (as the API answers it); then follow a user to their activity.

type Row = { accountId: string; accountName: string; user: string; isRoot: boolean; mfaActive: boolean; console: { enabled: boolean | null } };
type Page1 = { total: number; rows: Row[] };

test.describe.configure({ mode: 'serial' });

async function api(request: APIRequestContext, qs: string): Promise<Page1> {
  const res = await request.get(`/api/credentials?${qs}&pageSize=200`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Page1;
}

const activityLinkName = (r: Row) => `CloudTrail activity of ${r.isRoot ? 'the root user' : r.user} in ${r.accountName}`;
const showing = (total: number, pageSize = 50) => `Showing ${total === 0 ? 0 : 1}–${Math.min(pageSize, total).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
const guarded = (s: string) => (/^[=+\-@]/.test(s) ? `'${s}` : s);

async function downloadCsv(page: Page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  const text = await readFile(await download.path(), 'utf8');
  const [header, ...lines] = parse(text) as string[][];
  if (!header) throw new Error('the CSV has no header');
  const records = lines.map((l) => Object.fromEntries(header.map((h, i) => [h, l[i] ?? ''])));
  return { filename: download.suggestedFilename(), records };
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  await waitForFirstSync(request);
});

test('filter the credentials table and export the view: the CSV holds exactly the filtered rows', async ({ page, request }) => {
  const problems = watchProblems(page);
  const all = await api(request, '');
  const noMfa = await api(request, 'filter=no-mfa');
  expect(noMfa.total).toBeGreaterThan(0);
  expect(noMfa.total).toBeLessThan(all.total);
  expect(noMfa.total).toBeLessThanOrEqual(50);

  await page.goto('/credentials');
  const table = page.getByRole('table', { name: 'Credential report: users, console access, MFA and access keys' });
  await expect(page.getByRole('navigation', { name: 'Pages of users' })).toContainText(showing(all.total));
  await expect(page.getByText(/Credential reports generated:/)).toBeVisible();

  const filter = page.getByRole('button', { name: 'Console access without MFA' });
  await filter.click();
  await expect(filter).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/[?&]filter=no-mfa/);
  await expect(page.getByRole('navigation', { name: 'Pages of users' })).toContainText(showing(noMfa.total));
  // What the user sees: one row per user of the filter, each with its own activity link.
  await expect(table.getByRole('rowheader')).toHaveCount(noMfa.total);
  for (const r of noMfa.rows) await expect(table.getByRole('link', { name: activityLinkName(r), exact: true })).toBeVisible();

  const csv = await downloadCsv(page);
  expect(csv.filename).toMatch(/^warden-credentials-all-accounts-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(csv.records.map((r) => `${r.account_id}/${r.user}`).sort()).toEqual(noMfa.rows.map((r) => `${r.accountId}/${guarded(r.user)}`).sort());
  for (const r of csv.records) {
    expect(r.mfa_active).toBe('no');
    expect(r.root === 'yes' || r.console_access === 'yes').toBe(true);
  }

  // Narrow further with the search: only the root users without MFA remain, in the table and the file.
  await page.getByRole('searchbox', { name: 'Search users' }).fill('root');
  await expect(page).toHaveURL(/[?&]q=root/);
  const rootNoMfa = await api(request, 'filter=no-mfa&q=root');
  expect(rootNoMfa.total).toBeGreaterThan(0);
  await expect(table.getByRole('rowheader')).toHaveCount(rootNoMfa.total);
  const narrowed = await downloadCsv(page);
  expect(narrowed.records.length).toBe(rootNoMfa.total);
  for (const r of narrowed.records) {
    expect(r.user).toBe('<root_account>');
    expect(r.root).toBe('yes');
    expect(r.console_access).toBe('not supported');
    expect(r.mfa_active).toBe('no');
  }

  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page.getByRole('navigation', { name: 'Pages of users' })).toContainText(showing(all.total));
  expect(problems).toEqual([]);
});

test('the key-age chart and the keys crossing 90 days before the next review', async ({ page, request }) => {
  const problems = watchProblems(page);
  const summary = (await (await request.get('/api/credentials/summary')).json()) as { activeKeys: number; buckets: { label: string; count: number }[]; crossingTotal: number };
  await page.goto('/credentials');
  await expect(page.getByText(`${summary.activeKeys.toLocaleString('en-US')} active keys`)).toBeVisible();
  const ages = page.getByRole('table', { name: 'Active access keys by age' });
  for (const b of summary.buckets) await expect(ages.getByRole('row', { name: `${b.label} ${b.count}` })).toHaveCount(1);
  const crossing = page.getByRole('table', { name: 'Keys that will be older than 90 days at the next review' });
  if (summary.crossingTotal > 0) {
    await expect(crossing.getByRole('row')).toHaveCount(Math.min(summary.crossingTotal, 100) + 1);
  } else {
    await expect(page.getByText('No active key will cross 90 days before the next review.')).toBeVisible();
  }
  expect(problems).toEqual([]);
});

test('a user’s row links to their CloudTrail activity', async ({ page, request }) => {
  const problems = watchProblems(page);
  const consoleUsers = await api(request, '');
  const user = consoleUsers.rows.find((r) => !r.isRoot && r.console.enabled === true);
  expect(user).toBeDefined();
  if (!user) return;
  await page.goto(`/credentials?q=${encodeURIComponent(user.user)}&account=${user.accountId}`);
  await page.getByRole('link', { name: activityLinkName(user), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/activity\\?user=${encodeURIComponent(user.user).replace(/\./g, '\\.')}&account=${user.accountId}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Showing the CloudTrail events of ${user.user} in account ${user.accountId}` })).toBeVisible();
  const events = (await (await request.get(`/api/activity/events?user=${encodeURIComponent(user.user)}&account=${user.accountId}`)).json()) as { total: number };
  if (events.total > 0) {
    await expect(page.getByRole('navigation', { name: `Pages: CloudTrail events of ${user.user}` })).toContainText(showing(events.total, 10));
  } else {
    await expect(page.getByText(`No root action, console sign-in or cross-account AssumeRole by ${user.user}`)).toBeVisible();
  }
  expect(problems).toEqual([]);
});
