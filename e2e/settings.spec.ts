import { expect, test } from '@playwright/test';
import { waitForFirstSync, watchProblems } from './support';

// Settings (demo mode: the visitor is the demo administrator): a threshold changed here is saved
// with its new source, reaches the checklist's verdicts at once, and goes back to the seed default;
// a bad value is refused naming the field, before sending (the shared schema) and by the server.

test('an admin changes a checklist threshold, sees where it now comes from, and resets it; bad values are refused naming the field', async ({ page, request }) => {
  await waitForFirstSync(request);
  const problems = watchProblems(page);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/settings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Settings', exact: true })).toHaveAttribute('aria-current', 'page');

  const form = page.getByRole('form', { name: 'Settings' });
  const rotation = form.getByRole('spinbutton', { name: 'Access key rotation' });
  await expect(rotation).toHaveValue('90');
  await expect(rotation).toHaveAccessibleDescription(/Source: seed: "Access keys rotated < 90 days"/);

  // A value out of bounds never leaves the browser: the field and the bounds are named.
  await rotation.fill('0');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByRole('alert')).toHaveText('Not saved: Access key rotation must be a whole number of days from 1 to 365.');
  await expect(rotation).toHaveAttribute('aria-invalid', 'true');

  await rotation.fill('60');
  await form.getByRole('button', { name: 'Save changes' }).click();
  const status = form.getByRole('status');
  await expect(status).toContainText('Saved: Access key rotation 90 days → 60 days.');
  await expect(status).toContainText(/The checklist of \d+ accounts were re-evaluated\./);
  await expect(rotation).toHaveAccessibleDescription(/Source: set in Settings by demo-admin on \d{4}-\d{2}-\d{2}/);

  // Still so after a reload, and the checklist's verdicts say where the limit comes from.
  await page.reload();
  await expect(rotation).toHaveValue('60');
  await nav.getByRole('link', { name: 'Overview', exact: true }).click();
  await page.getByRole('table', { name: 'Checklist verdicts per account' }).getByRole('link', { name: 'acme-management' }).click();
  await page.getByRole('table', { name: 'Checklist of acme-management' }).getByRole('button', { name: 'Access keys rotated < 90 days' }).click();
  const management = page.getByRole('region', { name: 'Access keys rotated < 90 days — acme-management' });
  await expect(management).toContainText(/keyRotationDays 60 days \(set in Settings by demo-admin on \d{4}-\d{2}-\d{2}\)/);

  // The server refuses what only it can judge: a cron expression croner cannot read.
  await nav.getByRole('link', { name: 'Settings', exact: true }).click();
  const schedule = form.getByRole('textbox', { name: 'Cron expression (UTC), or off' });
  await expect(schedule).toHaveValue('0 */6 * * *');
  await schedule.fill('every six hours');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByRole('alert')).toContainText(/^Not saved: syncSchedule is not a cron expression \(.+\)$/);
  await schedule.fill('0 */6 * * *');

  await form.getByRole('button', { name: 'Reset Access key rotation to its default' }).click();
  await expect(status).toContainText('Saved: Access key rotation 60 days → 90 days.');
  await expect(rotation).toHaveValue('90');
  await expect(rotation).toHaveAccessibleDescription(/Source: seed: /);

  expect([...problems].sort()).toEqual(['400 /api/admin/settings', 'console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
});
