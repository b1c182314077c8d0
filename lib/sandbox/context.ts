import 'server-only';

import type { AccountState, SandboxState } from './model';
import type { TokenCodec } from './tokens';

// What every operation handler gets: the model, the account and region the request acts in, who
// is calling, the sandbox clock, and the token codec for pagination.

export interface Caller {
  accountId: string;
  arn: string;
  userId: string;
  kind: 'assumed-role' | 'user' | 'root';
  /** ARNs that name the caller in a trust policy (role ARN for a session, user ARN, root ARN). */
  principalArns: string[];
  /** Set when the caller is an IAM user. */
  userName: string | null;
}

export interface RequestContext {
  state: SandboxState;
  account: AccountState;
  region: string;
  caller: Caller;
  now: Date;
  requestId: string;
  tokens: TokenCodec;
}

export function findAccount(state: SandboxState, accountId: string): AccountState | undefined {
  return state.accounts.find((account) => account.id === accountId);
}
