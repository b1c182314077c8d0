import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetFindingV2Command } from '@aws-sdk/client-accessanalyzer';
import { currentTime } from '@/lib/clock';
import { DAY_MS } from '@/lib/dates';
import { db } from '@/lib/db';
import { followRecordedTriage } from '@/lib/demo/finding-status';
import { demoPlan, registerDemoSandbox } from '@/lib/demo/runtime';
import { triageFindings } from '@/lib/findings/triage';
import { startSandbox, type Sandbox } from '@/lib/sandbox/server';
import { clientsForAccount, destroyClients } from '@/lib/sandbox/test-clients';
import { runSync } from '@/lib/sync/run-sync';

// Two Warden instances in demo mode on one database: each process has a built-in sandbox of its
// own, from the same seed. What one instance changes in its "AWS" (a finding archived, with an
// expiry, or re-activated) must hold when the other instance syncs, and the other's expiry must
// reach the first. registerDemoSandbox(x) makes x this process's sandbox: "instance x is serving".

const seed = 7;
const startInstanceSandbox = () => startSandbox({ port: 0, seed, beforeCall: followRecordedTriage });
let a: Sandbox;
let b: Sandbox;
const started: Sandbox[] = [];

before(async () => {
  a = await startInstanceSandbox();
  b = await startInstanceSandbox();
  started.push(a, b);
});

after(async () => {
  for (const sandbox of started) await sandbox.close();
});

async function syncOn(sandbox: Sandbox, now: Date = currentTime()) {
  registerDemoSandbox(sandbox);
  const run = await runSync(demoPlan(sandbox), { trigger: 'cli', now, sources: ['access-analyzer'] });
  assert.equal(run.status, 'ok');
  return run;
}

type Target = { key: string; id: string; analyzerArn: string; region: string };

/** What the sandbox answers for the finding (GetFindingV2 in the analyzer's account). */
async function statusIn(sandbox: Sandbox, f: Target): Promise<string | undefined> {
  const owner = sandbox.accounts.find((x) => x.id === f.analyzerArn.split(':')[4]);
  assert.ok(owner, `the analyzer's account of ${f.key} is a demo account`);
  const clients = await clientsForAccount(sandbox, owner.name, { region: f.region });
  try {
    return (await clients.accessAnalyzer.send(new GetFindingV2Command({ analyzerArn: f.analyzerArn, id: f.id }))).status;
  } finally {
    destroyClients(clients);
  }
}

const localStatus = (key: string) => db.finding.findUniqueOrThrow({ where: { key }, select: { status: true, archiveExpiresAt: true } });

describe('demo mode on several instances', () => {
  let f: Target;

  test('an archive with an expiry made through instance A holds when instance B syncs', async () => {
    await syncOn(a);
    const candidate = await db.finding.findFirst({ where: { status: 'ACTIVE' }, orderBy: { key: 'asc' }, select: { key: true, id: true, analyzerArn: true, region: true } });
    assert.ok(candidate);
    f = candidate;

    registerDemoSandbox(a);
    const expiresAt = new Date(currentTime().getTime() + 7 * DAY_MS);
    const result = await triageFindings({ action: 'archive', keys: [f.key], reason: 'Owner on leave', expiresAt: expiresAt.toISOString() }, 'alice');
    assert.deepEqual(result.accepted, [f.key]);
    assert.equal(await statusIn(a, f), 'ARCHIVED');

    await syncOn(b, new Date(expiresAt.getTime() - DAY_MS));
    assert.deepEqual(await localStatus(f.key), { status: 'ARCHIVED', archiveExpiresAt: expiresAt }, "B's sync keeps the archive and its expiry");
    assert.equal(await statusIn(b, f), 'ARCHIVED');

    // B re-activates the expired archive in its "AWS"; A's sandbox follows.
    await syncOn(b, new Date(expiresAt.getTime() + 60_000));
    assert.deepEqual(await localStatus(f.key), { status: 'ACTIVE', archiveExpiresAt: null });
    assert.ok(await db.findingTriage.findFirst({ where: { findingKey: f.key, action: 'expire', actor: 'warden' } }));
    assert.equal(await statusIn(b, f), 'ACTIVE');
    assert.equal(await statusIn(a, f), 'ACTIVE');
  });

  test('a re-activation through B holds when A syncs; a sandbox started later (a restart, npm run sync) starts where Warden left off', async () => {
    registerDemoSandbox(a);
    assert.deepEqual((await triageFindings({ action: 'archive', keys: [f.key], reason: 'Accepted risk' }, 'alice')).accepted, [f.key]);
    registerDemoSandbox(b);
    assert.deepEqual((await triageFindings({ action: 'unarchive', keys: [f.key], reason: 'Not accepted after all' }, 'bob')).accepted, [f.key]);
    await syncOn(a);
    assert.equal((await localStatus(f.key)).status, 'ACTIVE');
    assert.equal(await statusIn(a, f), 'ACTIVE');

    registerDemoSandbox(a);
    assert.deepEqual((await triageFindings({ action: 'archive', keys: [f.key], reason: 'Accepted risk' }, 'alice')).accepted, [f.key]);
    const restarted = await startInstanceSandbox();
    started.push(restarted);
    assert.equal(await statusIn(restarted, f), 'ARCHIVED');
    await syncOn(restarted);
    assert.equal((await localStatus(f.key)).status, 'ARCHIVED');

    // Without following the log, a sandbox only knows its own process's changes: the old behaviour.
    const unaware = await startSandbox({ port: 0, seed });
    started.push(unaware);
    assert.equal(await statusIn(unaware, f), 'ACTIVE');
  });
});
