import { expect, type APIRequestContext, type Page } from '@playwright/test';

// Shared by the sign-in journeys: the local administrator the e2e server created, and signing in.

export const admin = { username: 'e2e-admin', password: process.env.WARDEN_E2E_ADMIN_PASSWORD ?? '' };

export async function signInWithPassword(page: Page, username = admin.username, password = admin.password): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** An API client signed in as the local administrator (its own cookie jar). */
export async function signedInRequest(request: APIRequestContext): Promise<APIRequestContext> {
  const res = await request.post('/api/auth/sign-in', { data: { username: admin.username, password: admin.password } });
  expect(res.status()).toBe(200);
  return request;
}
