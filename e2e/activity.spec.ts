import { expect, test, type APIRequestContext } from '@playwright/test';
import { waitForFirstSync, watchProblems } from './support';

// The activity journey: CloudTrail coverage, the key events per day, every root-user action,
// console sign-ins without MFA and cross-account AssumeRole calls, as the API reports them.

type Events = { total: number; rows: { eventName: string; eventTime: string; accountId: string; userName: string | null }[] };

test.describe.configure({ mode: 'serial' });

async function events(request: APIRequestContext, qs: string): Promise<Events> {
  const res = await request.get(`/api/activity/events?${qs}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Events;
}

const shownTime = (iso: string) => iso.slice(0, 19).replace('T', ' ');

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  await waitForFirstSync(request);
});

test('the activity screen shows coverage, the daily key events and every root-user action', async ({ page, request }) => {
  const problems = watchProblems(page);
  const root = await events(request, 'kind=root&pageSize=10');
  expect(root.total).toBeGreaterThan(0);

  await page.goto('/activity');
  const rootTable = page.getByRole('table', { name: 'Root user actions' });
  await expect(rootTable.getByRole('row')).toHaveCount(Math.min(10, root.total) + 1);
  const newest = root.rows[0];
  if (!newest) throw new Error('no root event');
  await expect(rootTable.getByRole('row').nth(1)).toContainText(shownTime(newest.eventTime));
  await expect(rootTable.getByRole('row').nth(1)).toContainText(newest.eventName);
  await expect(page.getByRole('navigation', { name: 'Pages: Root user actions' })).toContainText(`Showing 1–${Math.min(10, root.total)} of ${root.total.toLocaleString('en-US')}`);
  if (root.total > 10) {
    await page.getByRole('navigation', { name: 'Pages: Root user actions' }).getByRole('button', { name: 'Next' }).click();
    const second = await events(request, 'kind=root&pageSize=10&page=2');
    await expect(rootTable.getByRole('row').nth(1)).toContainText(shownTime(second.rows[0]?.eventTime ?? ''));
  }

  const coverage = page.getByRole('table', { name: 'CloudTrail coverage per account and region' });
  await expect(coverage.getByText('logging', { exact: true }).first()).toBeVisible();
  await expect(coverage.getByText('No trail records this region: API activity here is not logged.').first()).toBeVisible();

  for (const [kind, name] of [
    ['console-without-mfa', 'Console sign-ins without MFA'],
    ['cross-account', 'Cross-account AssumeRole calls'],
  ] as const) {
    const expected = await events(request, `kind=${kind}&pageSize=10`);
    expect(expected.total).toBeGreaterThan(0);
    await expect(page.getByRole('table', { name }).getByRole('row')).toHaveCount(Math.min(10, expected.total) + 1);
  }

  const daily = (await (await request.get('/api/activity/daily?event=ConsoleLogin')).json()) as { totals: Record<string, number> };
  await page.getByRole('combobox', { name: 'Event' }).selectOption('ConsoleLogin');
  await expect(page).toHaveURL(/[?&]event=ConsoleLogin/);
  const totals = page.getByRole('table', { name: 'Key events in the last 90 days by name' });
  await expect(totals.getByRole('row')).toHaveCount(1);
  await expect(totals.getByRole('row', { name: `ConsoleLogin ${daily.totals.ConsoleLogin ?? 0}` })).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('one account and one user, as linked from the credentials screen', async ({ page, request }) => {
  const problems = watchProblems(page);
  const any = await events(request, 'kind=root&pageSize=1');
  const accountId = any.rows[0]?.accountId;
  if (!accountId) throw new Error('no root event');
  const rootHere = await events(request, `user=root&account=${accountId}&pageSize=10`);
  await page.goto(`/activity?user=root&account=${accountId}`);
  await expect(page.getByRole('combobox', { name: 'Account' })).toHaveValue(new RegExp(`\\(${accountId}\\)$`));
  const table = page.getByRole('table', { name: 'CloudTrail events of root' });
  await expect(table.getByRole('row')).toHaveCount(Math.min(10, rootHere.total) + 1);
  await expect(page.getByRole('table', { name: 'Root user actions' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show every user' }).click();
  await expect(page).not.toHaveURL(/user=/);
  await expect(page.getByRole('table', { name: 'Root user actions' })).toBeVisible();
  expect(problems).toEqual([]);
});
