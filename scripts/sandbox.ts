// `npm run sandbox -- --port 4566 [--seed N] [--users N --roles N --findings N --events N]
// [--accounts N [--external-id ID] [--large-accounts N]] [--fault OPERATION=KIND …]`: the
// AWS-compatible sandbox with the demo organisation (and N generated member accounts), standalone
// on 127.0.0.1, until interrupted. KIND: throttle, rate-limit[:N], latency:MS, error, unavailable,
// deny, malformed, malformed-report; append /N to fault only the next N calls.
import { parseArgs } from 'node:util';

import { FAULT_KINDS, parseFaultSpec, type FaultSpec } from '@/lib/sandbox/faults';
import { MAX_ORGANIZATION_ACCOUNTS } from '@/lib/sandbox/generate-organization';
import type { OrganizationOptions, SandboxScale } from '@/lib/sandbox/model';
import { startSandbox } from '@/lib/sandbox/server';

const USAGE = `usage: npm run sandbox -- [--port 4566] [--seed N] [--users N] [--roles N] [--findings N] [--events N]
                        [--accounts N] [--external-id ID] [--large-accounts N]
                        [--now ISO-8601] [--fault OPERATION=KIND[:ARG][/COUNT] …]
  --users …  add the acme-scale benchmark account of that size
  --accounts N  generate N member accounts (1–${MAX_ORGANIZATION_ACCOUNTS}) in OUs, each with WardenAuditRole
             (--external-id: the ExternalId it requires, "none" for none; --large-accounts: how many are large)
  OPERATION  service:Operation (iam:GetCredentialReport), a bare Operation, service:* or *
  KIND       ${FAULT_KINDS.join(', ')}
             latency:MS, rate-limit:N (default 2/s per account and region)
`;

function positiveInt(name: string, raw: string | undefined, min = 0): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return value;
}

function describeFault(fault: FaultSpec): string {
  const arg = fault.kind === 'latency' ? `:${fault.latencyMs ?? 0}` : fault.kind === 'rate-limit' ? `:${fault.perSecond ?? 2}` : '';
  return `${fault.operation}=${fault.kind}${arg}${fault.count === undefined ? '' : `/${fault.count}`}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4566' },
      seed: { type: 'string' },
      users: { type: 'string' },
      roles: { type: 'string' },
      findings: { type: 'string' },
      events: { type: 'string' },
      accounts: { type: 'string' },
      'external-id': { type: 'string' },
      'large-accounts': { type: 'string' },
      now: { type: 'string' },
      fault: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = positiveInt('port', values.port) ?? 4566;
  if (port > 65535) throw new Error('--port must be at most 65535');
  const seed = positiveInt('seed', values.seed);
  const scale: Partial<SandboxScale> = {};
  for (const key of ['users', 'roles', 'findings', 'events'] as const) {
    const value = positiveInt(key, values[key]);
    if (value !== undefined) scale[key] = value;
  }
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime())) throw new Error('--now must be an ISO-8601 date');
  }
  const faults: FaultSpec[] = (values.fault ?? []).map(parseFaultSpec);
  const accounts = positiveInt('accounts', values.accounts, 1);
  if ((values['external-id'] !== undefined || values['large-accounts'] !== undefined) && accounts === undefined) throw new Error('--external-id and --large-accounts need --accounts');
  let organization: OrganizationOptions | undefined;
  if (accounts !== undefined) {
    if (accounts > MAX_ORGANIZATION_ACCOUNTS) throw new Error(`--accounts must be at most ${MAX_ORGANIZATION_ACCOUNTS}`);
    const externalId = values['external-id'];
    const largeAccounts = positiveInt('large-accounts', values['large-accounts']);
    organization = { accounts, ...(externalId === undefined ? {} : { externalId: externalId === 'none' ? null : externalId }), ...(largeAccounts === undefined ? {} : { largeAccounts }) };
  }

  const started = Date.now();
  const sandbox = await startSandbox({ port, ...(seed === undefined ? {} : { seed }), ...(Object.keys(scale).length > 0 ? { scale } : {}), ...(now ? { now } : {}), ...(organization ? { organization } : {}), faults });
  const org = sandbox.organization;
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1048576);
  const c = sandbox.credentials;
  const lines = [
    `Warden sandbox listening on ${sandbox.endpoint} (loopback only), ready in ${Date.now() - started} ms (heap ${heapMb} MB)`,
    `seed ${sandbox.state.seed}; regions ${sandbox.regions.join(', ')}; organization ${sandbox.state.organization.id}`,
    ...(org
      ? [
          '',
          `Organization: ${org.accountCount} accounts in ${org.organizationalUnitCount} OUs under ${org.rootId}; discover them from the management account ${org.managementAccountId} (base credentials)`,
          `  member role ${org.memberRoleName}${org.memberRoleExternalId ? `, ExternalId ${org.memberRoleExternalId}` : ', no ExternalId'} (missing in a few members; some suspended or closing)`,
          `  delegated administrator for IAM Access Analyzer: ${org.analyzerAdministratorAccountId ?? 'none'}; organization analyzers ${Object.values(org.organizationAnalyzerArns).join(', ')}`,
        ]
      : []),
    '',
    'Accounts configured by hand:',
    ...sandbox.accounts.map(
      (a) =>
        `  ${a.id}  ${a.name.padEnd(16)} ${a.role.padEnd(10)} ${a.usesBaseCredentials ? 'base credentials' : `assume ${a.roleArn}${a.externalId ? ` (ExternalId ${a.externalId})` : ''}`}`,
    ),
    '',
    'Credentials (any non-empty key also works and acts as the base identity):',
    `  export AWS_ACCESS_KEY_ID=${c.accessKeyId}`,
    `  export AWS_SECRET_ACCESS_KEY=${c.secretAccessKey}`,
    `  export AWS_SESSION_TOKEN=${c.sessionToken}`,
    `  export AWS_REGION=${sandbox.region}`,
    `  export AWS_ENDPOINT_URL=${sandbox.endpoint}`,
    '  aws sts get-caller-identity',
    '  aws iam generate-credential-report && aws iam get-credential-report --query Content --output text | base64 -d',
    ...sandbox.accounts
      .filter((a) => !a.usesBaseCredentials && a.externalId)
      .slice(0, 1)
      .map((a) => `  aws sts assume-role --role-arn ${a.roleArn} --role-session-name warden --external-id ${a.externalId}`),
    '',
    `Faults: ${faults.length === 0 ? 'none' : faults.map(describeFault).join(', ')}`,
    `Control: curl ${sandbox.endpoint}/_sandbox/info | POST ${sandbox.endpoint}/_sandbox/faults '["iam:GetCredentialReport=throttle"]' (content-type: application/json)`,
    '         DELETE /_sandbox/faults, GET|DELETE /_sandbox/calls, POST /_sandbox/clock {"advanceMs": 14400000}',
    '         POST /_sandbox/organization/accounts {"ouPath": "Workloads/Production"}, DELETE /_sandbox/organization/accounts/ID,',
    '         PUT /_sandbox/organization/accounts/ID/status {"status": "SUSPENDED"}, PUT …/ID/parent {"ouPath": …}, DELETE /_sandbox/accounts/ID/member-role',
    'Ctrl-C stops it.',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(1);
});
