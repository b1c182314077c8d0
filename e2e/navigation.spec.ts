import { expect, test } from '@playwright/test';

const screens = [
  { link: 'Overview', heading: 'Overview', path: '/' },
  { link: 'Credentials', heading: 'Credentials', path: '/credentials' },
  { link: 'Findings', heading: 'Findings', path: '/findings' },
  { link: 'Activity', heading: 'Activity', path: '/activity' },
  { link: 'Review', heading: 'Review', path: '/review' },
  { link: 'Sync', heading: 'Sync', path: '/sync' },
];

test('every screen opens from the navigation with no console errors', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });

  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: 'Demo mode' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const s of screens) {
    await nav.getByRole('link', { name: s.link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${s.path === '/' ? '/$' : s.path}`));
    await expect(page.getByRole('heading', { level: 1, name: s.heading })).toBeVisible();
    await expect(nav.getByRole('link', { name: s.link, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  expect(problems).toEqual([]);
});
