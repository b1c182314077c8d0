import 'server-only';
import { AccountClient } from '@aws-sdk/client-account';
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';

// The one place where SDK clients are made: credentials, region, endpoint override, retries, and
// a counter of the HTTP requests each one sends (retries included), which every sync run reports.

export type StaticCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
};

export type CredentialSource = StaticCredentials | (() => Promise<StaticCredentials>);

export type AwsTarget = {
  /** Home region: STS, IAM and Organizations are called here. */
  region: string;
  /** Explicit endpoint (demo sandbox). Undefined: the SDK's own resolution incl. AWS_ENDPOINT_URL*. */
  endpoint?: string;
  /** Undefined: the SDK's default credential chain. */
  credentials?: CredentialSource;
  /** Attempts per call, first included (throttling and 5xx are retried with backoff). */
  maxAttempts?: number;
};

/** Counts HTTP requests per `service:Operation`. */
export class CallCounter {
  /** HTTP requests sent, retries included, by "service:Operation". */
  readonly counts = new Map<string, number>();
  /** Operations called (each page once, however often it was retried). */
  readonly commands = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  addCommand(key: string, n = 1): void {
    this.commands.set(key, (this.commands.get(key) ?? 0) + n);
  }

  /** Adds another counter's calls (one client set's share of a run). */
  addAll(other: CallCounter): void {
    for (const [key, n] of other.counts) this.add(key, n);
    for (const [key, n] of other.commands) this.addCommand(key, n);
  }

  /** Retries: requests beyond the first of each operation called. */
  retries(): number {
    let commands = 0;
    for (const n of this.commands.values()) commands += n;
    return this.total() - commands;
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Calls made whose key starts with one of the prefixes (e.g. "iam:"). */
  totalFor(prefixes: string[]): number {
    let sum = 0;
    for (const [k, n] of this.counts) if (prefixes.some((p) => k.startsWith(p))) sum += n;
    return sum;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}

type AnyClient = IAMClient | STSClient | AccessAnalyzerClient | CloudTrailClient | OrganizationsClient | AccountClient | EC2Client;

/** IAM action prefix of each client's service, for counting and for naming denied actions. */
export const servicePrefix = {
  iam: 'iam',
  sts: 'sts',
  accessAnalyzer: 'access-analyzer',
  cloudTrail: 'cloudtrail',
  organizations: 'organizations',
  account: 'account',
  ec2: 'ec2',
} as const;

// Every client's stack accepts the same middlewares; the union of their stack types does not say so
// to TypeScript, so each is seen as STS's (the counters read only the command's name).
type MiddlewareStack = STSClient['middlewareStack'];

function countRequests(client: AnyClient, prefix: string, counter: CallCounter): void {
  const key = (context: { commandName?: unknown }) => `${prefix}:${String(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
  const stack = client.middlewareStack as unknown as MiddlewareStack;
  // The deserialize step runs once per HTTP attempt, inside the retry loop; initialize once per operation.
  stack.add(
    (next, context) => async (args) => {
      counter.add(key(context));
      return next(args);
    },
    { step: 'deserialize', name: 'wardenCallCounter', override: true },
  );
  stack.add(
    (next, context) => async (args) => {
      counter.addCommand(key(context));
      return next(args);
    },
    { step: 'initialize', name: 'wardenCommandCounter', override: true },
  );
}

function clientConfig(target: AwsTarget, region: string) {
  const { credentials } = target;
  return {
    region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(credentials ? { credentials: typeof credentials === 'function' ? credentials : async () => credentials } : {}),
    maxAttempts: target.maxAttempts ?? 5,
    retryMode: 'standard' as const,
  };
}

export type AwsClients = {
  target: AwsTarget;
  counter: CallCounter;
  iam: IAMClient;
  sts: STSClient;
  organizations: OrganizationsClient;
  /** The Account Management API (ListRegions): global, called in the home region. */
  account: AccountClient;
  /** EC2, for DescribeRegions where that is what is granted instead of account:ListRegions. */
  ec2: EC2Client;
  accessAnalyzer(region: string): AccessAnalyzerClient;
  cloudTrail(region: string): CloudTrailClient;
  destroy(): void;
};

/**
 * The clients of one target, each made when first used (a source calls two or three services; a
 * sync of 1,000 accounts made and dropped seven clients per source otherwise) and destroyed with
 * destroy().
 */
export function createAwsClients(target: AwsTarget, counter: CallCounter = new CallCounter()): AwsClients {
  const made = new Map<string, AnyClient>();
  const once = <C extends AnyClient>(key: string, prefix: string, build: () => C): C => {
    const existing = made.get(key);
    if (existing) return existing as C;
    const client = build();
    countRequests(client, prefix, counter);
    made.set(key, client);
    return client;
  };
  const home = () => clientConfig(target, target.region);
  return {
    target,
    counter,
    get iam() {
      return once('iam', servicePrefix.iam, () => new IAMClient(home()));
    },
    get sts() {
      return once('sts', servicePrefix.sts, () => new STSClient(home()));
    },
    get organizations() {
      return once('organizations', servicePrefix.organizations, () => new OrganizationsClient(home()));
    },
    get account() {
      return once('account', servicePrefix.account, () => new AccountClient(home()));
    },
    get ec2() {
      return once('ec2', servicePrefix.ec2, () => new EC2Client(home()));
    },
    accessAnalyzer: (region) => once(`aa:${region}`, servicePrefix.accessAnalyzer, () => new AccessAnalyzerClient(clientConfig(target, region))),
    cloudTrail: (region) => once(`ct:${region}`, servicePrefix.cloudTrail, () => new CloudTrailClient(clientConfig(target, region))),
    destroy: () => {
      for (const c of made.values()) c.destroy();
      made.clear();
    },
  };
}
