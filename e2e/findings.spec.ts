import { randomInt } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { watchProblems } from './support';
import { AccessAnalyzerClient, GetFindingV2Command } from '@aws-sdk/client-accessanalyzer';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

// Triage journeys: archive a finding from the UI with a reason, check with the AWS SDK against the
// app's own demo sandbox that AWS has it ARCHIVED, see the reason in the audit trail, re-activate
// it; and an archive that AWS refuses shows AWS's message and changes nothing.
//
// The sandbox runs inside the Next server; GET /api/demo/sandbox (demo mode, loopback only) says
// where it listens and which credentials it hands out, so that this test can build SDK clients
// and switch faults on through the sandbox's control interface.

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

type SandboxInfo = {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  accounts: { id: string; name: string; usesBaseCredentials: boolean; roleArn: string; externalId: string | null }[];
};
type Finding = { key: string; id: string; accountId: string; accountName: string; analyzerArn: string; region: string; resource: string; status: string };

test.describe.configure({ mode: 'serial' });

let sandbox: SandboxInfo;

async function waitForSyncedFindings(request: APIRequestContext) {
  // The app syncs the demo organisation when it starts; triage waits for that sync to finish.
  await expect
    .poll(
      async () => {
        const sync = (await (await request.get('/api/sync?take=1')).json()) as { running: boolean; runs: { status: string }[] };
        const findings = (await (await request.get('/api/findings?pageSize=1')).json()) as { total?: number };
        return !sync.running && sync.runs.length > 0 && sync.runs[0]?.status !== 'running' && (findings.total ?? 0) > 0;
      },
      { timeout: 50_000, intervals: [500] },
    )
    .toBe(true);
}

/**
 * The finding's status as AWS reports it, read with the SDK in its analyzer's account (an
 * organization analyzer's finding is shown under the member that owns the resource).
 */
async function awsStatus(f: Finding): Promise<string | undefined> {
  const analyzerAccount = /^arn:[^:]+:access-analyzer:[^:]*:(\d{12}):/.exec(f.analyzerArn)?.[1];
  const account = sandbox.accounts.find((a) => a.id === analyzerAccount);
  if (!account) throw new Error(`the sandbox has no account ${analyzerAccount ?? f.analyzerArn}`);
  let credentials = sandbox.credentials;
  if (!account.usesBaseCredentials) {
    const sts = new STSClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials });
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: 'e2e-check', ...(account.externalId ? { ExternalId: account.externalId } : {}) }));
    sts.destroy();
    const c = assumed.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole gave no credentials');
    credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  }
  const client = new AccessAnalyzerClient({ endpoint: sandbox.endpoint, region: f.region, credentials, maxAttempts: 1 });
  try {
    return (await client.send(new GetFindingV2Command({ analyzerArn: f.analyzerArn, id: f.id }))).status;
  } finally {
    client.destroy();
  }
}

/** An ACTIVE finding whose resource is unique among the account's findings, so the UI can find it by resource. */
async function pickActiveFinding(request: APIRequestContext, accountName: string, analyzerNamePart: string): Promise<Finding> {
  const account = sandbox.accounts.find((a) => a.name === accountName);
  if (!account) throw new Error(`no demo account ${accountName}`);
  const all = (await (await request.get(`/api/findings?account=${account.id}&status=all&pageSize=200`)).json()) as { findings: Finding[] };
  const counts = new Map<string, number>();
  for (const f of all.findings) counts.set(f.resource, (counts.get(f.resource) ?? 0) + 1);
  const found = all.findings.find((f) => f.status === 'ACTIVE' && (counts.get(f.resource) ?? 0) === 1 && f.analyzerArn.includes(analyzerNamePart));
  const fallback = all.findings.find((f) => f.status === 'ACTIVE' && (counts.get(f.resource) ?? 0) === 1);
  const f = found ?? fallback;
  if (!f) throw new Error(`no ACTIVE finding with a unique resource in ${accountName}`);
  return f;
}

async function showFinding(page: Page, f: Finding, status: 'Active (open)' | 'Archived') {
  await page.goto('/findings');
  await page.getByRole('combobox', { name: 'Account' }).fill(f.accountId);
  await page.getByRole('listbox', { name: 'Accounts' }).getByRole('option', { name: new RegExp(f.accountId) }).click();
  await expect(page).toHaveURL(new RegExp(`account=${f.accountId}`));
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: status });
  await page.getByRole('searchbox', { name: 'Resource contains' }).fill(f.resource);
  const table = page.getByRole('table', { name: 'Access Analyzer findings' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('button', { name: `Details of the finding on ${f.resource}` })).toBeVisible();
  return table;
}

test.beforeAll(async ({ request }) => {
  await waitForSyncedFindings(request);
  const res = await request.get('/api/demo/sandbox');
  expect(res.status()).toBe(200);
  sandbox = (await res.json()) as SandboxInfo;
});

test('archive a finding with a reason: AWS has it ARCHIVED, the audit trail shows why; then re-activate it', async ({ page, request }) => {
  const problems = watchProblems(page);
  const f = await pickActiveFinding(request, 'acme-production', 'external-access');
  expect(await awsStatus(f)).toBe('ACTIVE');
  const reason = `Intended vendor access, reviewed in SEC-${randomInt(1000, 10000)}`;

  const table = await showFinding(page, f, 'Active (open)');
  await table.getByRole('checkbox', { name: `Select finding on ${f.resource}` }).check();
  await page.getByRole('region', { name: 'Selection' }).getByRole('button', { name: 'Archive 1…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Archive 1 finding in AWS' });
  await expect(dialog).toBeVisible();
  // The reason is required.
  await dialog.getByRole('button', { name: 'Archive 1 finding' }).click();
  await expect(dialog.getByText('A reason is required')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Reason (required)' }).fill(reason);
  await dialog.getByRole('button', { name: 'Archive 1 finding' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Archived 1 finding in AWS.' })).toBeVisible();
  await expect(dialog).toBeHidden();

  // What happened behind it: AWS has the finding ARCHIVED.
  expect(await awsStatus(f)).toBe('ARCHIVED');
  // It is no longer among the open findings.
  await expect(page.getByRole('table', { name: 'Access Analyzer findings' })).toBeHidden();
  await expect(page.getByText('No findings match these filters')).toBeVisible();

  // The audit trail tab shows who, what and why.
  await page.getByRole('tab', { name: 'Audit trail' }).click();
  const audit = page.getByRole('table', { name: 'Triage audit trail' });
  const entry = audit.getByRole('row').filter({ hasText: reason });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Archived');
  await expect(entry).toContainText('demo-admin');
  await expect(entry).toContainText(f.resource);

  // The finding's own trail says the same; re-activate it from its details.
  await entry.getByRole('button', { name: `Details of the finding on ${f.resource}` }).click();
  const details = page.getByRole('dialog', { name: /Finding details/ });
  await expect(details.getByRole('list', { name: 'Triage history' })).toContainText(reason);
  await details.getByRole('button', { name: 'Re-activate…' }).click();
  const back = page.getByRole('dialog', { name: 'Re-activate 1 finding in AWS' });
  await back.getByRole('textbox', { name: 'Reason (required)' }).fill('Vendor contract ended');
  await back.getByRole('button', { name: 'Re-activate 1 finding' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Re-activated 1 finding in AWS.' })).toBeVisible();
  await expect(details.getByRole('list', { name: 'Triage history' }).getByRole('listitem')).toHaveCount(2);
  await expect(details.getByRole('list', { name: 'Triage history' }).getByRole('listitem').first()).toContainText('Vendor contract ended');
  expect(await awsStatus(f)).toBe('ACTIVE');
  await details.getByRole('button', { name: 'Close' }).click();

  expect(problems).toEqual([]);
});

test('an archive that AWS refuses shows AWS’s message and changes nothing', async ({ page, request }) => {
  const problems = watchProblems(page);
  const f = await pickActiveFinding(request, 'acme-management', 'unused-access');
  expect(await awsStatus(f)).toBe('ACTIVE');
  const reason = 'This archive must not stick';

  const fault = await request.post(`${sandbox.endpoint}/_sandbox/faults`, { data: { operation: 'access-analyzer:UpdateFindings', kind: 'deny' } });
  expect(fault.ok()).toBe(true);
  try {
    const table = await showFinding(page, f, 'Active (open)');
    await table.getByRole('checkbox', { name: `Select finding on ${f.resource}` }).check();
    await page.getByRole('button', { name: 'Archive 1…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Archive 1 finding in AWS' });
    await dialog.getByRole('textbox', { name: 'Reason (required)' }).fill(reason);
    await dialog.getByRole('button', { name: 'Archive 1 finding' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('The change was refused');
    await expect(alert).toContainText('Nothing was changed: the archive of 1 finding was refused.');
    await expect(alert).toContainText('AccessDeniedException');
    await expect(alert).toContainText('is not authorized to perform: access-analyzer:UpdateFindings');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  } finally {
    await request.delete(`${sandbox.endpoint}/_sandbox/faults`);
  }

  // Nothing changed: AWS still has it ACTIVE, Warden lists it as active, and no triage was recorded.
  expect(await awsStatus(f)).toBe('ACTIVE');
  const row = page.getByRole('table', { name: 'Access Analyzer findings' }).getByRole('row').filter({ hasText: f.resource });
  await expect(row).toContainText('Active');
  await page.getByRole('tab', { name: 'Audit trail' }).click();
  await page.getByRole('searchbox', { name: 'Finding (key or resource)' }).fill(f.resource);
  await expect(page.getByText('No triage action matches these filters')).toBeVisible();

  // The one expected failure: AWS's refusal answered 502 (Chromium logs every failed fetch).
  expect([...problems].sort()).toEqual(['502 /api/findings/status', 'console: Failed to load resource: the server responded with a status of 502 (Bad Gateway)']);
});
