import 'server-only';

// Faults that tests switch on per operation:
//
//   throttle          the service's real throttling error (IAM/STS Throttling 400, Access Analyzer
//                     ThrottlingException 429, CloudTrail ThrottlingException, Organizations
//                     TooManyRequestsException)
//   rate-limit[:N]    allow N calls per second per account and region (default 2, LookupEvents'
//                     real limit), then the throttling error
//   latency:MS        delay the answer by MS milliseconds, then answer normally
//   error             500 InternalFailure (InternalServerException / ServiceException where modelled)
//   unavailable       503 ServiceUnavailable
//   deny              AccessDenied / AccessDeniedException naming the action and the principal
//   malformed         a 200 whose body the SDK cannot parse (truncated XML or JSON); for
//                     UpdateFindings, whose answer has no body, a response cut off mid-body
//   html-error        a 500 whose body is an HTML error page (a proxy or load balancer in the way)
//   malformed-report  GetCredentialReport only: valid XML whose CSV is corrupt (short header, a
//                     row with an unterminated quote, impossible dates, extra columns)
//
// `operation` is "service:Operation" (service as in IAM actions: iam, sts, access-analyzer,
// cloudtrail, organizations), a bare "Operation", "service:*" or "*". `count` limits the fault to
// the next N matching calls. `accountId` limits it to calls acting in that account.

export const FAULT_KINDS = ['throttle', 'rate-limit', 'latency', 'error', 'unavailable', 'deny', 'malformed', 'html-error', 'malformed-report'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  operation: string;
  kind: FaultKind;
  latencyMs?: number;
  perSecond?: number;
  count?: number;
  accountId?: string;
}

export interface CallTarget {
  service: string;
  operation: string;
  accountId: string;
  region: string;
}

/** What the request pipeline must do after the faults have had their say. */
export type FaultOutcome =
  | { action: 'proceed' }
  | { action: 'fail'; kind: 'throttle' | 'error' | 'unavailable' | 'deny' }
  | { action: 'malformed' }
  | { action: 'html-error' }
  | { action: 'malformed-report' };

function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

/**
 * Parses the CLI/control form `OPERATION=KIND[:ARG][/COUNT]`, e.g. `iam:GetCredentialReport=throttle`,
 * `cloudtrail:LookupEvents=rate-limit:2`, `LookupEvents=latency:250`, `iam:*=error/3`.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const eq = text.lastIndexOf('=');
  if (eq <= 0) throw new Error(`fault "${text}" must look like OPERATION=KIND`);
  const operation = text.slice(0, eq).trim();
  let rest = text.slice(eq + 1).trim();
  let count: number | undefined;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    count = Number(rest.slice(slash + 1));
    if (!Number.isInteger(count) || count < 1) throw new Error(`fault "${text}": count must be a positive integer`);
    rest = rest.slice(0, slash);
  }
  const colon = rest.indexOf(':');
  const kind = colon >= 0 ? rest.slice(0, colon) : rest;
  const arg = colon >= 0 ? rest.slice(colon + 1) : undefined;
  if (!isFaultKind(kind)) throw new Error(`fault "${text}": kind must be one of ${FAULT_KINDS.join(', ')}`);
  const spec: FaultSpec = { operation, kind };
  if (count !== undefined) spec.count = count;
  if (kind === 'latency') {
    const ms = Number(arg);
    if (arg === undefined || !Number.isFinite(ms) || ms < 0) throw new Error(`fault "${text}": latency needs milliseconds, e.g. latency:250`);
    spec.latencyMs = ms;
  } else if (kind === 'rate-limit') {
    const perSecond = arg === undefined ? 2 : Number(arg);
    if (!Number.isFinite(perSecond) || perSecond <= 0) throw new Error(`fault "${text}": rate-limit needs a positive rate`);
    spec.perSecond = perSecond;
  } else if (arg !== undefined) {
    throw new Error(`fault "${text}": ${kind} takes no argument`);
  }
  return validateFaultSpec(spec);
}

/** Checks a spec that arrived as JSON (control path) or from code. */
export function validateFaultSpec(input: unknown): FaultSpec {
  if (input === null || typeof input !== 'object') throw new Error('fault must be an object');
  const record = input as Record<string, unknown>;
  const { operation, kind, latencyMs, perSecond, count, accountId } = record;
  if (typeof operation !== 'string' || operation.length === 0 || operation.length > 200) throw new Error('fault.operation must be a non-empty string');
  if (typeof kind !== 'string' || !isFaultKind(kind)) throw new Error(`fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
  const spec: FaultSpec = { operation, kind };
  if (latencyMs !== undefined) {
    if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0 || latencyMs > 600_000) throw new Error('fault.latencyMs must be 0..600000');
    spec.latencyMs = latencyMs;
  }
  if (kind === 'latency' && spec.latencyMs === undefined) throw new Error('fault.latencyMs is required for latency');
  if (perSecond !== undefined) {
    if (typeof perSecond !== 'number' || !Number.isFinite(perSecond) || perSecond <= 0) throw new Error('fault.perSecond must be positive');
    spec.perSecond = perSecond;
  }
  if (count !== undefined) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw new Error('fault.count must be a positive integer');
    spec.count = count;
  }
  if (accountId !== undefined) {
    if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) throw new Error('fault.accountId must be a 12-digit account id');
    spec.accountId = accountId;
  }
  return spec;
}

function matchesOperation(pattern: string, target: CallTarget): boolean {
  if (pattern === '*') return true;
  const colon = pattern.indexOf(':');
  if (colon < 0) return pattern === target.operation;
  const service = pattern.slice(0, colon);
  const operation = pattern.slice(colon + 1);
  return service === target.service && (operation === '*' || operation === target.operation);
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number | null;
  windows: Map<string, number[]>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FaultController {
  private faults: ActiveFault[] = [];

  list(): FaultSpec[] {
    return this.faults.map((fault) => ({ ...fault.spec, ...(fault.remaining === null ? {} : { count: fault.remaining }) }));
  }

  /** Adds a fault; one with the same operation, kind and account replaces the old one. */
  set(spec: FaultSpec | string): void {
    const valid = typeof spec === 'string' ? parseFaultSpec(spec) : validateFaultSpec(spec);
    this.faults = this.faults.filter(
      (fault) => !(fault.spec.operation === valid.operation && fault.spec.kind === valid.kind && fault.spec.accountId === valid.accountId),
    );
    this.faults.push({ spec: valid, remaining: valid.count ?? null, windows: new Map() });
  }

  clear(): void {
    this.faults = [];
  }

  private consume(fault: ActiveFault): void {
    if (fault.remaining === null) return;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((other) => other !== fault);
  }

  /** Applies latency, then decides whether the call fails; the caller serialises the failure. */
  async apply(target: CallTarget, nowMs: () => number): Promise<FaultOutcome> {
    const matching = this.faults.filter(
      (fault) => matchesOperation(fault.spec.operation, target) && (fault.spec.accountId === undefined || fault.spec.accountId === target.accountId),
    );
    for (const fault of matching) {
      if (fault.spec.kind !== 'latency') continue;
      this.consume(fault);
      await sleep(fault.spec.latencyMs ?? 0);
    }
    for (const fault of matching) {
      const { kind } = fault.spec;
      if (kind === 'latency') continue;
      if (kind === 'rate-limit') {
        const key = `${target.accountId}/${target.region}`;
        const now = nowMs();
        const window = (fault.windows.get(key) ?? []).filter((t) => now - t < 1000);
        const limit = fault.spec.perSecond ?? 2;
        if (window.length >= limit) {
          fault.windows.set(key, window);
          this.consume(fault);
          return { action: 'fail', kind: 'throttle' };
        }
        window.push(now);
        fault.windows.set(key, window);
        continue;
      }
      if (kind === 'malformed-report' && target.operation !== 'GetCredentialReport') continue;
      this.consume(fault);
      if (kind === 'malformed') return { action: 'malformed' };
      if (kind === 'html-error') return { action: 'html-error' };
      if (kind === 'malformed-report') return { action: 'malformed-report' };
      return { action: 'fail', kind };
    }
    return { action: 'proceed' };
  }
}
