import 'server-only';

import type { FaultSpec } from './faults';
import type { JsonObject } from './model';

// Drives a running sandbox (e.g. one started with `npm run sandbox`) through its control API.

async function call(endpoint: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<JsonObject> {
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
