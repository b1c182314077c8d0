import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';

// The monthly credential-report review, as the security team holds it in demo mode: the app has
// synced the sandbox at start-up and seeded last month's signed review (demo history).

type Planned = { decision: string; owner: string; dueDate: string | null; justification: string | null };

function plan(label: string, reasons: string): Planned {
  if (label.endsWith(': Root user')) return { decision: 'delete', owner: 'Account owner', dueDate: '2030-01-15', justification: null };
  if (label.includes(' — access key ')) return { decision: 'rotate', owner: 'Platform team', dueDate: '2030-01-31', justification: null };
  if (reasons.includes('Programmatic-only')) return { decision: 'convert-to-role', owner: 'Platform team', dueDate: '2030-02-28', justification: null };
  return { decision: 'keep', owner: 'Security team', dueDate: null, justification: 'Needed for on-call, MFA enrolment booked; check again next month.' };
}

/** Item 14's verdict cells on the overview, one per account ("14. Credential report reviewed monthly: Fail"). */
async function itemCells(page: Page, verdict: 'Pass' | 'Fail'): Promise<Locator> {
  await page.goto('/');
  const matrix = page.getByRole('table', { name: 'Checklist verdicts per account' });
  await expect(matrix.getByRole('cell', { name: /^14\. Credential report reviewed monthly: / }).first()).toBeVisible();
  return matrix.getByRole('cell', { name: `14. Credential report reviewed monthly: ${verdict}`, exact: true });
}

test('a credential-report review from start to sign-off, export and minutes; the checklist item turns to pass', async ({ page }) => {
  test.setTimeout(240_000);
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

  // Wait for the start-up sync and the demo history it seeds.
  await expect
    .poll(async () => {
      const res = await page.request.get('/api/reviews');
      const body: unknown = res.ok() ? await res.json() : null;
      return typeof body === 'object' && body !== null && 'reviews' in body && Array.isArray(body.reviews) ? body.reviews.length : 0;
    }, { timeout: 150_000, intervals: [1000] })
    .toBeGreaterThan(0);

  // Before: last month's review is over 31 days old, so item 14 fails for the demo accounts.
  await expect((await itemCells(page, 'Fail')).first()).toBeVisible();
  await expect(await itemCells(page, 'Pass')).toHaveCount(0);

  // History, then start a review of every account.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();
  await expect(page.getByRole('link', { name: /\(demo history\)$/ })).toBeVisible();
  await page.getByRole('button', { name: /^Start review of \d+ accounts?$/ }).click();
  await expect(page).toHaveURL(/\/review\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Credential-report review, / })).toBeVisible();

  // What changed since the seeded signed review, computed from the two reports.
  const changes = page.getByRole('region', { name: /Changes since the last signed review/ });
  await expect(changes.getByText(/of the last signed review, .*\(demo history\)/)).toBeVisible();
  await expect(changes.getByText(/^diego\.alvarez added \(created /)).toBeVisible();
  await expect(changes.getByText(/^ci-deployer: access key \d rotated — /)).toBeVisible();
  await expect(changes.getByText(/^alice\.martin: access key 1 .* passed 90 days of age\.$/)).toBeVisible();

  // The agenda: carried-over items are shown as such; decide every item.
  const agenda = page.getByRole('region', { name: 'Agenda', exact: true });
  const items = agenda.getByRole('article');
  const count = await items.count();
  expect(count).toBeGreaterThan(5);
  await expect(agenda.getByText('Carried over, open when this review started:').first()).toBeVisible();
  const planned = new Map<string, Planned>();
  for (let index = 0; index < count; index += 1) {
    const item = items.nth(index);
    const label = (await item.getAttribute('aria-label')) ?? '';
    const choice = plan(label, await item.innerText());
    planned.set(label, choice);
    await item.getByLabel('Decision', { exact: true }).selectOption(choice.decision);
    await item.getByLabel('Owner', { exact: true }).fill(choice.owner);
    if (choice.dueDate) await item.getByLabel('Due date', { exact: true }).fill(choice.dueDate);
    if (choice.justification) await item.getByLabel('Justification', { exact: true }).fill(choice.justification);
    await item.getByRole('button', { name: 'Save decision' }).click();
    await expect(item.getByRole('button', { name: 'Update decision' })).toBeVisible();
  }
  expect(planned.size).toBe(count);
  await expect(agenda.getByText(`${count} of ${count} items decided`)).toBeVisible();

  // Attendees and sign-off.
  await page.getByLabel('Attendees', { exact: true }).fill('Alice Martin\nBen Okafor\nEmma Rossi');
  await page.getByRole('button', { name: 'Save attendees' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: 3 attendees.' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign off review' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Signed off by demo-admin on / })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save decision' })).toHaveCount(0);

  // The CSV: one row per agenda item, with the decisions just recorded.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const file = await (await download).path();
  const rows: string[][] = parse(await readFile(file, 'utf8'));
  const [header, ...body] = rows;
  expect(header).toBeDefined();
  const col = (name: string) => {
    const index = (header ?? []).indexOf(name);
    expect(index, name).toBeGreaterThanOrEqual(0);
    return index;
  };
  expect(body).toHaveLength(count);
  const fromCsv = new Map(
    body.map((row) => {
      const credential = row[col('credential')] ?? '';
      const user = row[col('user')] ?? '';
      const title = credential === 'root user' ? 'Root user' : credential === 'user' ? user : `${user} — ${credential}`;
      return [
        `${row[col('account_name')]}: ${title}`,
        { decision: row[col('decision')], owner: row[col('owner')], dueDate: row[col('due_date')] || null, justification: row[col('justification')] || null },
      ];
    }),
  );
  expect(Object.fromEntries(fromCsv)).toEqual(Object.fromEntries(planned));
  expect(new Set(body.map((row) => row[col('signed_by')]))).toEqual(new Set(['demo-admin']));

  // The printable minutes.
  await page.getByRole('link', { name: 'Printable minutes' }).click();
  const minutes = page.getByRole('article', { name: 'Review minutes' });
  await expect(minutes.getByRole('heading', { level: 2, name: /^1\. Accounts and credential reports$/ })).toBeVisible();
  await expect(minutes.getByRole('heading', { level: 2, name: /^2\. Changes since the last signed review/ })).toBeVisible();
  await expect(minutes.getByRole('heading', { level: 2, name: `3. Decisions (${count} of ${count} items decided)` })).toBeVisible();
  await expect(minutes.getByText('Alice Martin, Ben Okafor, Emma Rossi')).toBeVisible();
  await expect(minutes.getByText(/^Signed off by demo-admin on /)).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(minutes).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // After: item 14 passes for every account of the review.
  await expect((await itemCells(page, 'Pass')).first()).toBeVisible();
  await expect(await itemCells(page, 'Fail')).toHaveCount(0);

  expect(problems).toEqual([]);
});
