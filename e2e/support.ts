import { expect, type APIRequestContext, type Page } from '@playwright/test';

// Shared by the journeys: what counts as a problem on a page, and waiting for the start-up sync.

/** Collects console errors, uncaught page errors and failed responses while a journey runs. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${new URL(res.url()).pathname}`);
  });
  return problems;
}

/** The app syncs the demo organisation when it starts; wait until that sync has finished. */
export async function waitForFirstSync(request: APIRequestContext): Promise<void> {
  await expect
    .poll(
      async () => {
        const sync = (await (await request.get('/api/sync?take=1')).json()) as { running: boolean; runs: { status: string }[] };
        return !sync.running && sync.runs.length > 0 && sync.runs[0]?.status !== 'running';
      },
      { timeout: 90_000, intervals: [500] },
    )
    .toBe(true);
}
