import type { AgendaReason, ChangeGroup, DecisionKind } from '@/lib/review/schema';

// Words for the review's closed sets, the same on screen, in the minutes and in the CSV.

export function reasonLabel(reason: AgendaReason, t: { unusedCredentialDays: number; keyRotationDays: number }): string {
  switch (reason) {
    case 'no-mfa':
      return 'Console access without MFA';
    case 'unused-password':
      return `Password unused > ${t.unusedCredentialDays} days`;
    case 'programmatic-only':
      return 'Programmatic-only user (keys, no console)';
    case 'stale-key':
      return `Key unused > ${t.unusedCredentialDays} days`;
    case 'old-key':
      return `Key older than ${t.keyRotationDays} days`;
    case 'root-key':
      return 'Root access key';
    case 'root-no-mfa':
      return 'Root without MFA';
    case 'carried-over':
      return 'Open decision from the last review';
  }
}

const decisionLabels: Record<DecisionKind, string> = {
  keep: 'Keep (justified)',
  rotate: 'Rotate',
  deactivate: 'Deactivate',
  delete: 'Delete',
  'convert-to-role': 'Convert to a role',
};

export function decisionLabel(decision: DecisionKind): string {
  return decisionLabels[decision];
}

export const changeGroupLabels: Record<ChangeGroup, string> = {
  users: 'Users added and removed',
  console: 'Console passwords',
  mfa: 'MFA',
  keys: 'Access keys',
  thresholds: 'Keys that crossed a threshold',
  root: 'Root account',
};

/** "user", "access key 2", "root" — what the item is about, next to the user name. */
export function subjectLabel(item: { kind: 'user' | 'key' | 'root'; slot: 1 | 2 | null }): string {
  if (item.kind === 'root') return 'root user';
  if (item.kind === 'key') return `access key ${item.slot ?? '?'}`;
  return 'user';
}

/** "ci-deployer — access key 2", "frank.li", "Root user". */
export function itemTitle(item: { kind: 'user' | 'key' | 'root'; slot: 1 | 2 | null; userName: string }): string {
  if (item.kind === 'root') return 'Root user';
  if (item.kind === 'key') return `${item.userName} — access key ${item.slot ?? '?'}`;
  return item.userName;
}
