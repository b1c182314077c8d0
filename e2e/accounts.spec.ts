import { expect, test } from '@playwright/test';
import { waitForFirstSync, watchProblems } from './support';

// The Accounts screen in demo mode (the visitor is the demo administrator): the demo organisation's
// accounts with their last sync, "Check access" into one of them, a bad role refused with the field
// named, a role outside the sandbox that cannot be reached, added and removed again, and pausing.

test('an admin checks, adds, removes and pauses accounts on the Accounts screen', async ({ page, request }) => {
  const problems = watchProblems(page);
  await waitForFirstSync(request);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();

  const table = page.getByRole('table', { name: 'Accounts' });
  const production = table.getByRole('row').filter({ hasText: 'acme-production' });
  await expect(production).toContainText('demo organisation');
  await expect(production).toContainText('with an ExternalId');
  await expect(production.getByText('ok', { exact: true })).toBeVisible();

  // Check access: the role is assumed and every source answers.
  await production.getByRole('button', { name: 'Check access' }).click();
  const dialog = page.getByRole('dialog', { name: 'Access to acme-production' });
  await expect(dialog.getByRole('status', { name: 'Access check' })).toContainText('every source can be read');
  await expect(dialog).toContainText('sts:AssumeRole');
  await expect(dialog).toContainText('organizations:ListPolicies');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A malformed role ARN is refused, naming the field.
  const form = page.getByRole('form', { name: 'Add an account' });
  await form.getByLabel('Name').fill('payments-prod');
  await form.getByLabel('Role ARN').fill('arn:aws:iam::123456789012:user/alice');
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(form.getByRole('alert')).toContainText('roleArn: roleArn must be an IAM role ARN');

  // A role the sandbox does not know: the check says where it stops; it can still be added.
  await form.getByLabel('Role ARN').fill('arn:aws:iam::999999999999:role/WardenReadOnly');
  await form.getByLabel(/ExternalId/).fill('payments-2026');
  await form.getByRole('button', { name: 'Check access' }).click();
  const check = form.getByRole('status', { name: 'Access check' });
  await expect(check).toContainText('The account could not be reached.');
  await expect(check.getByRole('listitem').first()).toContainText('denied');
  await expect(check.getByRole('listitem').nth(2)).toContainText('not tried');
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(form.getByText('payments-prod was added; the next sync reads it.')).toBeVisible();
  const added = table.getByRole('row').filter({ hasText: 'payments-prod' });
  await expect(added).toContainText('added here');
  await expect(added).toContainText('by demo-admin');
  await expect(added).toContainText('not synced yet');
  await expect(added).not.toContainText('payments-2026');

  // The same account twice is refused.
  await form.getByLabel('Name').fill('payments again');
  await form.getByLabel('Role ARN').fill('arn:aws:iam::999999999999:role/Other');
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(form.getByRole('alert')).toContainText('account 999999999999 is already in Warden as “payments-prod”');

  // Never synced, so it can be removed.
  await added.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog', { name: 'Remove payments-prod?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'payments-prod' })).toHaveCount(0);

  // Pausing shows on the row; resuming puts it back (other journeys sync this account).
  const staging = table.getByRole('row').filter({ hasText: 'acme-staging' });
  await staging.getByRole('button', { name: 'Pause' }).click();
  await expect(staging.getByText('paused', { exact: true })).toBeVisible();
  await staging.getByRole('button', { name: 'Resume' }).click();
  await expect(staging.getByText('paused', { exact: true })).toHaveCount(0);

  // The changes are in the audit log.
  await page.goto('/admin/audit');
  const log = page.getByRole('table', { name: 'Audit events, newest first' });
  for (const action of ['account.add', 'account.remove', 'account.pause', 'account.resume']) {
    await expect(log.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }

  // The refused requests above were meant; nothing else went wrong.
  const meant = [/^(400|409) \/api\/admin\/accounts$/, /^console: Failed to load resource: the server responded with a status of (400|409)\b/];
  expect(problems.filter((p) => !meant.some((m) => m.test(p)))).toEqual([]);
});
