import 'server-only';
import { listAnalyzers } from '@/lib/aws/access-analyzer';
import { createAwsClients, type AwsClients } from '@/lib/aws/clients';
import { describeTrails } from '@/lib/aws/cloudtrail';
import { toAwsCallError } from '@/lib/aws/errors';
import { readAccountSummary } from '@/lib/aws/iam';
import { readServiceControlPolicies } from '@/lib/aws/organizations';
import { credentialsInAccount } from '@/lib/aws/reach-account';
import { getCallerIdentity } from '@/lib/aws/sts';
import { HttpError } from '@/lib/http';
import { accountIdOfRole, type AccountCheck, type CheckAccountInput } from '@/lib/accounts/schema';
import { assumedAccountFor, resolveSyncPlan } from '@/lib/sync/plan';

// "Check access" on the Accounts screen: before (or instead of) a whole sync, reach the account
// the way a sync does and make one cheap read per source, so a missing trust policy, a wrong
// ExternalId or a missing permission shows up at once, naming the IAM action.

type Step = AccountCheck['steps'][number];

async function step(label: string, action: string, fn: () => Promise<string>): Promise<Step> {
  try {
    return { label, action, status: 'ok', detail: await fn() };
  } catch (error) {
    const e = toAwsCallError(error, action);
    return { label, action: e.action, status: e.kind === 'access-denied' ? 'denied' : 'failed', detail: e.describe() };
  }
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export async function checkAccountAccess(input: CheckAccountInput): Promise<AccountCheck> {
  const plan = await resolveSyncPlan();
  let role: { roleArn: string; externalId: string | null } | null;
  if ('accountId' in input) {
    const configured = assumedAccountFor(plan, input.accountId);
    // Not reached with a role: it must be the credentials' own account (checked below).
    role = configured ? { roleArn: configured.roleArn, externalId: configured.externalId ?? null } : null;
  } else {
    role = { roleArn: input.roleArn, externalId: input.externalId ?? null };
  }
  const expected = 'accountId' in input ? input.accountId : accountIdOfRole(input.roleArn);

  const target = { ...plan.target, maxAttempts: 2 };
  const base = createAwsClients(target);
  let clients: AwsClients = base;
  const steps: Step[] = [];
  try {
    if (role) {
      const { roleArn, externalId } = role;
      let credentials: Awaited<ReturnType<typeof credentialsInAccount>> | null = null;
      steps.push(
        await step('Assume the role', 'sts:AssumeRole', async () => {
          credentials = await credentialsInAccount(base, { roleArn, externalId }, { sessionName: 'warden-check', durationSeconds: 900 });
          return `assumed ${roleArn}${externalId ? ' with the ExternalId' : ' (no ExternalId)'}`;
        }),
      );
      if (!credentials) return { reachedAccountId: null, callerArn: null, ok: false, steps: [...steps, ...notRun()] };
      clients = createAwsClients({ ...target, credentials });
    }
    let reached: { accountId: string; arn: string } | null = null;
    steps.push(
      await step('Caller identity', 'sts:GetCallerIdentity', async () => {
        reached = await getCallerIdentity(clients);
        return `${reached.arn} in account ${reached.accountId}`;
      }),
    );
    const me = reached as { accountId: string; arn: string } | null;
    if (!me) return { reachedAccountId: null, callerArn: null, ok: false, steps: [...steps, ...notRun()] };
    if (expected && me.accountId !== expected) {
      if (!role) throw new HttpError(404, `account ${expected} is neither the configured credentials' account (${me.accountId}) nor one Warden assumes a role in`);
      steps.push({ label: 'Right account', action: 'sts:GetCallerIdentity', status: 'failed', detail: `the role reached account ${me.accountId}, not ${expected}` });
      return { reachedAccountId: me.accountId, callerArn: me.arn, ok: false, steps: [...steps, ...notRun()] };
    }
    for (const probe of probes) steps.push(await step(probe.label, probe.action, () => probe.run(clients, plan.target.region)));
    return { reachedAccountId: me.accountId, callerArn: me.arn, ok: steps.every((s) => s.status === 'ok'), steps };
  } finally {
    if (clients !== base) clients.destroy();
    base.destroy();
  }
}

// One cheap read per source, with the IAM action it needs.
const probes: { label: string; action: string; run: (clients: AwsClients, region: string) => Promise<string> }[] = [
  {
    label: 'IAM',
    action: 'iam:GetAccountSummary',
    run: async (clients) => {
      const s = await readAccountSummary(clients);
      return `${count(s.Users ?? 0, 'user', 'users')}, ${count(s.Roles ?? 0, 'role', 'roles')}; root MFA ${s.AccountMFAEnabled ? 'on' : 'off'}`;
    },
  },
  {
    label: 'Access Analyzer',
    action: 'access-analyzer:ListAnalyzers',
    run: async (clients, region) => `${count((await listAnalyzers(clients, region)).length, 'analyzer', 'analyzers')} in ${region}`,
  },
  {
    label: 'CloudTrail',
    action: 'cloudtrail:DescribeTrails',
    run: async (clients, region) => `${count((await describeTrails(clients, region)).length, 'trail', 'trails')} visible from ${region}`,
  },
  {
    label: 'Organizations',
    action: 'organizations:ListPolicies',
    run: async (clients) => {
      const org = await readServiceControlPolicies(clients);
      return org.state === 'management' ? `management account: ${count(org.scps.length, 'service control policy', 'service control policies')}` : org.message;
    },
  },
];

const notRun = (): Step[] => probes.map((p) => ({ label: p.label, action: p.action, status: 'not-run', detail: 'not tried: the account was not reached' }));
