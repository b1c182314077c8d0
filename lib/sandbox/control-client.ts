import 'server-only';

import type { FaultSpec } from './faults';
import type { JsonObject, OrganizationAccountStatus } from './model';
import type { NewMemberAccount, OrganizationMemberInfo } from './organization-control';

// Drives a running sandbox (e.g. one started with `npm run sandbox`) through its control API.

async function call(endpoint: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<JsonObject> {
  const response = await fetch(`${endpoint}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as JsonObject;
  if (!response.ok) throw new Error(`sandbox control ${method} ${path}: ${response.status} ${String(json.error ?? '')}`);
  return json;
}

export function sandboxInfo(endpoint: string): Promise<JsonObject> {
  return call(endpoint, 'GET', '/_sandbox/info');
}

/** Adds faults; each is a FaultSpec or the CLI form "OPERATION=KIND[:ARG][/COUNT]". */
export async function setRemoteFaults(endpoint: string, faults: (FaultSpec | string)[]): Promise<void> {
  await call(endpoint, 'POST', '/_sandbox/faults', faults);
}

export async function clearRemoteFaults(endpoint: string): Promise<void> {
  await call(endpoint, 'DELETE', '/_sandbox/faults');
}

export async function remoteCallCounts(endpoint: string): Promise<Record<string, number>> {
  const json = await call(endpoint, 'GET', '/_sandbox/calls');
  const calls = json.calls;
  const out: Record<string, number> = {};
  if (calls && typeof calls === 'object' && !Array.isArray(calls)) {
    for (const [key, value] of Object.entries(calls)) if (typeof value === 'number') out[key] = value;
  }
  return out;
}

export async function resetRemoteCallCounts(endpoint: string): Promise<void> {
  await call(endpoint, 'DELETE', '/_sandbox/calls');
}

export async function advanceRemoteClock(endpoint: string, ms: number): Promise<void> {
  await call(endpoint, 'POST', '/_sandbox/clock', { advanceMs: ms });
}

function memberInfo(json: JsonObject): OrganizationMemberInfo {
  const account = json.account;
  if (!account || typeof account !== 'object' || Array.isArray(account) || typeof account.id !== 'string') throw new Error('sandbox control: no account in the answer');
  return account as unknown as OrganizationMemberInfo;
}

/** A new member account joins the organization (Sandbox.addMemberAccount). */
export async function addRemoteMemberAccount(endpoint: string, spec: NewMemberAccount = {}): Promise<OrganizationMemberInfo> {
  return memberInfo(await call(endpoint, 'POST', '/_sandbox/organization/accounts', spec));
}

/** RemoveAccountFromOrganization (Sandbox.removeAccountFromOrganization). */
export async function removeRemoteAccountFromOrganization(endpoint: string, accountId: string): Promise<void> {
  await call(endpoint, 'DELETE', `/_sandbox/organization/accounts/${encodeURIComponent(accountId)}`);
}

/** SUSPENDED, PENDING_CLOSURE or ACTIVE again (Sandbox.setAccountStatus). */
export async function setRemoteAccountStatus(endpoint: string, accountId: string, status: OrganizationAccountStatus): Promise<OrganizationMemberInfo> {
  return memberInfo(await call(endpoint, 'PUT', `/_sandbox/organization/accounts/${encodeURIComponent(accountId)}/status`, { status }));
}

/** MoveAccount to an OU given by id or by names such as "Workloads/Production" (Sandbox.moveAccount). */
export async function moveRemoteAccount(endpoint: string, accountId: string, to: { parentId?: string; ouPath?: string }): Promise<OrganizationMemberInfo> {
  return memberInfo(await call(endpoint, 'PUT', `/_sandbox/organization/accounts/${encodeURIComponent(accountId)}/parent`, to));
}

/** Deletes an account's member role (Sandbox.deleteMemberRole). */
export async function deleteRemoteMemberRole(endpoint: string, accountId: string): Promise<void> {
  await call(endpoint, 'DELETE', `/_sandbox/accounts/${encodeURIComponent(accountId)}/member-role`);
}
