import 'server-only';
import assert from 'node:assert/strict';

import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

import type { Sandbox } from './server';

// Real SDK v3 clients pointed at a sandbox, for the sandbox's own tests (and anyone else's).

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface ClientCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SandboxClients {
  iam: IAMClient;
  sts: STSClient;
  organizations: OrganizationsClient;
  accessAnalyzer: AccessAnalyzerClient;
  cloudTrail: CloudTrailClient;
}

export function sandboxClients(
  sandbox: Pick<Sandbox, 'endpoint' | 'credentials'>,
  options: { region?: string; credentials?: ClientCredentials; maxAttempts?: number } = {},
): SandboxClients {
  const config = {
    endpoint: sandbox.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: options.credentials ?? sandbox.credentials,
    maxAttempts: options.maxAttempts ?? 1,
  };
  return {
    iam: new IAMClient(config),
    sts: new STSClient(config),
    organizations: new OrganizationsClient(config),
    accessAnalyzer: new AccessAnalyzerClient(config),
    cloudTrail: new CloudTrailClient(config),
  };
}

/** Temporary credentials for a demo account, obtained the way Warden does: AssumeRole. */
export async function assumeAccount(sandbox: Sandbox, accountName: string): Promise<ClientCredentials> {
  const account = sandbox.accounts.find((a) => a.name === accountName);
  if (!account) throw new Error(`no demo account ${accountName}`);
  if (account.usesBaseCredentials) return sandbox.credentials;
  const sts = sandboxClients(sandbox).sts;
  const result = await sts.send(
    new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: 'warden-test', ...(account.externalId ? { ExternalId: account.externalId } : {}) }),
  );
  sts.destroy();
  const credentials = result.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) throw new Error('AssumeRole returned no credentials');
  return { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.SessionToken };
}

export async function clientsForAccount(sandbox: Sandbox, accountName: string, options: { region?: string; maxAttempts?: number } = {}): Promise<SandboxClients> {
  return sandboxClients(sandbox, { ...options, credentials: await assumeAccount(sandbox, accountName) });
}

export function destroyClients(clients: SandboxClients): void {
  for (const client of Object.values(clients)) client.destroy();
}

export type SdkError = Error & Record<string, unknown> & { $metadata?: { httpStatusCode?: number } };

/** Asserts that an SDK call fails with this error name and HTTP status, and returns the error. */
export async function expectSdkError(promise: Promise<unknown>, name: string, status: number): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    const e = error as SdkError;
    assert.equal(e.name, name, e.message);
    assert.equal(e.$metadata?.httpStatusCode, status);
    return e;
  }
  assert.fail(`expected ${name}`);
}
