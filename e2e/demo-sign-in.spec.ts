import { expect, test } from '@playwright/test';
import { watchProblems } from './support';

// Demo mode stays one command: no sign-in, the visitor is the demo administrator, and the app says
// so; the administration screens are there to look at.

test('the demo visitor is the demo administrator, told that sign-in is off, with the administration screens', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/');
  const panel = page.getByLabel('Signed in');
  await expect(panel).toContainText('Demo administrator');
  await expect(panel).toContainText('Sign-in is off in demo mode.');
  await expect(panel.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await nav.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign-in is off in demo mode' })).toBeVisible();
  expect(problems).toEqual([]);
});
