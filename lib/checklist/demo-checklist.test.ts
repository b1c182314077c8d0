import '@/lib/testing/test-store';
import { currentTime } from '@/lib/clock';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GET } from '@/app/api/checklist/route';
import { getChecklist } from '@/lib/checklist/queries';
import { checklistResponseSchema, type AccountChecklist } from '@/lib/checklist/schema';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';

// The real checklist rules over what the real collectors stored from the demo organisation.

let fx: DemoFixture;
let checklists: AccountChecklist[];

before(async () => {
  fx = await startDemoFixture({ seed: 3 });
  const r = await fx.sync();
  assert.equal(r.status, 'ok');
  checklists = await getChecklist();
});
after(() => fx.close());

const byName = (name: string) => {
  const c = checklists.find((a) => a.accountName === name);
  assert.ok(c, `checklist of ${name}`);
  return c;
};
const item = (name: string, n: number) => {
  const i = byName(name).items.find((x) => x.number === n);
  assert.ok(i, `item ${n} of ${name}`);
  return i;
};
const failing = (name: string, n: number) => item(name, n).evidence.filter((e) => e.status === 'fail').map((e) => e.label);

test('every account is evaluated on all 17 items', () => {
  assert.equal(checklists.length, fx.sandbox.accounts.length);
  for (const c of checklists) assert.deepEqual(c.items.map((i) => i.number), Array.from({ length: 17 }, (_, k) => k + 1));
});

test('each of items 1–13 fails in at least one demo account and passes in another', () => {
  for (let n = 1; n <= 13; n++) {
    const verdicts = checklists.map((c) => `${c.accountName}:${c.items.find((i) => i.number === n)?.verdict}`);
    assert.ok(verdicts.some((v) => v.endsWith(':fail')), `item ${n} fails somewhere: ${verdicts.join(', ')}`);
    assert.ok(verdicts.some((v) => v.endsWith(':pass')), `item ${n} passes somewhere: ${verdicts.join(', ')}`);
  }
});

test('no item is unknown where every source was read: SCPs too, read once from the management account with their attachments', () => {
  for (const c of checklists) {
    for (const i of c.items.filter((x) => x.verdict === 'unknown')) assert.fail(`${c.accountName} item ${i.number}: ${i.summary}`);
  }
  assert.equal(item('acme-production', 10).verdict, 'pass');
  assert.equal(item('acme-staging', 10).verdict, 'fail', 'customer SCPs are defined, but none is attached to its OUs');
  assert.equal(item('acme-management', 10).verdict, 'not_applicable');
});

test('the evidence names the right principals', () => {
  const staging = fx.sandbox.state.accounts.find((a) => a.name === 'acme-staging');
  assert.ok(staging);
  // Item 3: exactly the console users without MFA in the generated data.
  const noMfa = staging.users.filter((u) => u.passwordEnabled && u.mfaDevices.length === 0).map((u) => u.userName).sort();
  assert.ok(noMfa.length > 0);
  assert.deepEqual(failing('acme-staging', 3).map((l) => l.split(' ')[0]).sort(), noMfa);
  // Item 12: the role trusting "*" and the vendor role without an ExternalId.
  const item12 = failing('acme-staging', 12).join(' | ');
  assert.match(item12, /vendor-support-access/);
  // Item 13: the customer policy allowing "*" on "*".
  assert.match(failing('acme-staging', 13).join(' | '), /TerraformFullAccess/);
  // Item 2: the root keys of the stand-alone account.
  assert.equal(item('acme-legacy', 2).verdict, 'fail');
  // Item 7: the staging trail is named with what is wrong with it.
  assert.match(item('acme-staging', 7).summary, /staging-trail/);
});

test('remedies carry the seed commands with the account\'s names filled in', () => {
  const pw = item('acme-staging', 4);
  assert.ok(pw.remedy.commands.some((c) => c.includes('aws iam update-account-password-policy') && c.includes('--minimum-password-length 14')));
  const mfa = item('acme-staging', 3);
  assert.ok(mfa.remedy.commands.length > 0);
});

test('GET /api/checklist answers the same verdicts, per account and for all, and rejects bad ids', async () => {
  const all = checklistResponseSchema.parse(await (await GET(new Request('http://localhost/api/checklist'))).json());
  assert.equal(all.accounts.length, checklists.length);
  const id = byName('acme-production').accountId;
  const one = await GET(new Request(`http://localhost/api/checklist?account=${id}`));
  assert.equal(one.status, 200);
  const body = checklistResponseSchema.parse(await one.json());
  assert.deepEqual(body.accounts.map((a) => a.accountId), [id]);
  const bad = await GET(new Request('http://localhost/api/checklist?account=12x'));
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { error: string }).error, /account/);
  const unknown = await GET(new Request('http://localhost/api/checklist?account=000000000000'));
  assert.equal(unknown.status, 404);
});

test('verdicts keep their "since" across evaluations while unchanged', async () => {
  const beforeSince = item('acme-staging', 3).since.getTime();
  fx.sandbox.advanceClock(60_000);
  await fx.sync({ sources: ['organizations'] });
  const again = (await getChecklist()).find((c) => c.accountName === 'acme-staging')?.items.find((i) => i.number === 3);
  assert.equal(again?.since.getTime(), beforeSince);
});

test('two days without a good read, no item passes on the old data', async () => {
  const { evaluateAccountChecklist } = await import('@/lib/checklist/evaluate-account');
  const management = byName(fx.sandbox.accounts.find((a) => a.usesBaseCredentials)?.name ?? '');
  const passing = management.items.filter((i) => i.verdict === 'pass' && i.slug !== 'credential-report-review').map((i) => i.slug);
  assert.ok(passing.length >= 10, `the management account passes most items: ${passing.join(', ')}`);

  const later = new Date(currentTime().getTime() + 49 * 3_600_000);
  await evaluateAccountChecklist(management.accountId, null, later);
  const [aged] = await getChecklist({ accountId: management.accountId });
  for (const slug of passing) {
    const i = aged?.items.find((x) => x.slug === slug);
    assert.equal(i?.verdict, 'unknown', slug);
    assert.match(i?.summary ?? '', /^This would pass, but .* was last read .*: more than 48 hours, too old to pass on\./, slug);
  }
  assert.equal(aged?.items.find((x) => x.slug === 'credential-report-review')?.verdict, management.items.find((x) => x.slug === 'credential-report-review')?.verdict);

});
