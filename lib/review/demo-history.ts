import type { AccessKey, AccountState, CloudTrailEventRecord, IamUser, RootUser } from '@/lib/sandbox/model';
import type { AgendaItem } from '@/lib/review/agenda';
import type { DecisionKind } from '@/lib/review/schema';
import { DAY_MS } from '@/lib/dates';

// Demo history: the sandbox's account as it was at an earlier date, so that demo mode has a
// previous signed review to compare with. Everything is derived from the sandbox's own model and
// CloudTrail history, by these rules:
//   - users created after that date are absent, and so are MFA devices enabled after it;
//   - a key created after it is absent, unless its user is older than the rotation limit: then
//     it replaced an older key (created 180 days before the date, last used 50 days before it),
//     which the past report shows in its place;
//   - a password or key used after the date shows the last use on or before it that the
//     sandbox's CloudTrail events record (never used when the events cover the key's whole life
//     and show none; one day before the date when they cannot tell);
//   - a password changed after the date was last changed 90 days earlier (the policy's rotation).
// The result is fed to the sandbox's real credential-report writer, so it is AWS's format.

/** How far back the sandbox's demo CloudTrail history reaches (lib/sandbox/demo-events.ts). */
const eventWindowDays = 89;

export interface PastStateOptions {
  /** The sandbox's clock when the current state was read. */
  now: Date;
  /** The date to reconstruct. */
  asOf: Date;
  keyRotationDays: number;
}

function allEvents(account: AccountState): CloudTrailEventRecord[] {
  return Object.values(account.events).flat();
}

function latest(dates: Date[]): Date | null {
  return dates.reduce<Date | null>((best, date) => (best === null || date > best ? date : best), null);
}

/** A last-use date as it stood at `asOf`. */
function lastUseAsOf(current: Date | null, created: Date, recorded: Date[], options: PastStateOptions): Date | null {
  if (current === null || current <= options.asOf) return current;
  const before = latest(recorded.filter((date) => date <= options.asOf));
  if (before !== null) return before;
  const windowStart = new Date(options.now.getTime() - eventWindowDays * DAY_MS);
  if (created >= windowStart) return null;
  return new Date(Math.max(created.getTime(), options.asOf.getTime() - DAY_MS));
}

function pastKey(key: AccessKey, events: CloudTrailEventRecord[], options: PastStateOptions): AccessKey {
  if (!key.lastUsed) return { ...key };
  const recorded = events.filter((event) => event.accessKeyId === key.accessKeyId && event.errorCode === null).map((event) => event.eventTime);
  const date = lastUseAsOf(key.lastUsed.date, key.createDate, recorded, options);
  return { ...key, lastUsed: date === null ? null : { ...key.lastUsed, date } };
}

function replacedKey(user: IamUser, key: AccessKey, siblings: AccessKey[], options: PastStateOptions): AccessKey {
  const created = new Date(Math.max(user.createDate.getTime(), options.asOf.getTime() - 180 * DAY_MS));
  const usage = [key, ...siblings].find((candidate) => candidate.lastUsed !== null)?.lastUsed ?? null;
  const used = new Date(options.asOf.getTime() - 50 * DAY_MS);
  return {
    accessKeyId: `${key.accessKeyId.slice(0, 4)}OLD${key.accessKeyId.slice(7)}`,
    status: 'Active',
    createDate: created,
    lastUsed: usage && used > created ? { date: used, region: usage.region, service: usage.service } : null,
  };
}

function pastKeys(user: IamUser | null, keys: AccessKey[], events: CloudTrailEventRecord[], options: PastStateOptions): { keys: AccessKey[]; replaced: number } {
  const out: AccessKey[] = [];
  let replaced = 0;
  for (const key of keys) {
    if (key.createDate <= options.asOf) {
      out.push(pastKey(key, events, options));
      continue;
    }
    const longLived = user !== null && options.asOf.getTime() - user.createDate.getTime() > options.keyRotationDays * DAY_MS;
    if (user !== null && longLived) {
      out.push(replacedKey(user, key, keys.filter((other) => other !== key), options));
      replaced += 1;
    }
  }
  return { keys: out, replaced };
}

function consoleLogins(events: CloudTrailEventRecord[], match: (event: CloudTrailEventRecord) => boolean): Date[] {
  return events.filter((event) => event.eventName === 'ConsoleLogin' && event.errorMessage === null && event.errorCode === null && match(event)).map((event) => event.eventTime);
}

function pastUser(user: IamUser, events: CloudTrailEventRecord[], options: PastStateOptions): IamUser {
  let passwordLastChanged = user.passwordLastChanged;
  if (passwordLastChanged !== null && passwordLastChanged > options.asOf) {
    passwordLastChanged = new Date(Math.max(user.createDate.getTime(), passwordLastChanged.getTime() - 90 * DAY_MS));
  }
  const logins = consoleLogins(events, (event) => event.userIdentity.type === 'IAMUser' && event.username === user.userName);
  const passwordLastUsed = lastUseAsOf(user.passwordLastUsed, passwordLastChanged ?? user.createDate, logins, options);
  return {
    ...user,
    passwordLastChanged,
    passwordLastUsed,
    mfaDevices: user.mfaDevices.filter((device) => device.enableDate <= options.asOf),
    accessKeys: pastKeys(user, user.accessKeys, events, options).keys,
  };
}

function pastRoot(root: RootUser, events: CloudTrailEventRecord[], options: PastStateOptions): RootUser {
  const logins = consoleLogins(events, (event) => event.userIdentity.type === 'Root');
  return {
    ...root,
    mfa: root.mfa && root.mfa.enableDate <= options.asOf ? root.mfa : null,
    passwordLastUsed: lastUseAsOf(root.passwordLastUsed, root.createDate, logins, options),
    accessKeys: pastKeys(null, root.accessKeys, events, options).keys,
  };
}

/** The account as it was at `options.asOf` (see the rules above); the input is not changed. */
export function pastAccountState(account: AccountState, options: PastStateOptions): AccountState {
  const events = allEvents(account);
  return {
    ...account,
    root: pastRoot(account.root, events, options),
    users: account.users.filter((user) => user.createDate <= options.asOf).map((user) => pastUser(user, events, options)),
  };
}

// ---------------------------------------------------------------------------------------------
// The decisions of the demo's previous review
// ---------------------------------------------------------------------------------------------

export interface DemoDecision {
  decision: DecisionKind;
  justification: string | null;
  owner: string;
  /** Days after the meeting; null for "keep". */
  dueInDays: number | null;
}

/**
 * What the demo's previous meeting decided for one agenda item: what a careful team would
 * decide, so that some decisions are done by now and others are still open.
 */
export function demoDecision(item: AgendaItem, account: AccountState): DemoDecision {
  const user = account.users.find((candidate) => candidate.userName === item.userName);
  const program = user?.kind === 'program';
  if (item.kind === 'root') {
    if (item.reasons.includes('root-key')) {
      return { decision: 'delete', justification: 'Root must not have access keys; move the scripts that use it to a role first.', owner: `${account.name} owner`, dueInDays: 30 };
    }
    return { decision: 'keep', justification: 'Hardware MFA key ordered; root stays break-glass only until it is enrolled.', owner: 'Security team', dueInDays: null };
  }
  if (item.kind === 'key') {
    if (item.reasons.includes('old-key')) {
      return { decision: 'rotate', justification: null, owner: program ? 'Platform team' : item.userName, dueInDays: 14 };
    }
    return { decision: 'deactivate', justification: null, owner: program ? 'Platform team' : item.userName, dueInDays: 14 };
  }
  if (item.reasons.includes('programmatic-only')) {
    return { decision: 'convert-to-role', justification: null, owner: 'Platform team', dueInDays: 60 };
  }
  if (item.reasons.includes('unused-password')) {
    if (user?.passwordLastUsed === null) {
      return { decision: 'delete', justification: 'Never signed in.', owner: 'Security team', dueInDays: 7 };
    }
    return { decision: 'deactivate', justification: 'Remove the console password; the user can ask for it again.', owner: 'Security team', dueInDays: 14 };
  }
  return {
    decision: 'keep',
    justification: 'Console access needed for on-call; MFA enrolment requested from the user, to be checked at the next review.',
    owner: 'Security team',
    dueInDays: null,
  };
}
