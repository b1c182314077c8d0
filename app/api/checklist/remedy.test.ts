import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { GET as itemsRoute } from '@/app/api/checklist/items/route';
import { GET as remedyRoute } from '@/app/api/checklist/remedy/route';
import { accountItemsSchema, remedyCommandsShown } from '@/lib/checklist/schema';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';

// A large account's remedy has thousands of commands: the item view carries the first few and how
// many there are; all of them download as a script, where names from AWS stay inside comments.

const account = { id: '515151515151', name: 'big\nrm -rf / #' };
const commands = Array.from({ length: remedyCommandsShown + 40 }, (_, i) => `aws iam delete-login-profile --user-name 'user-${i}'`);

before(async () => {
  await db.account.create({ data: { ...account, access: 'own', regions: [] } });
  const run = await db.checklistRun.create({ data: { accountId: account.id, evaluatedAt: currentTime(), passed: 0, failed: 2, unknown: 0, notApplicable: 0, current: true, verdictMap: { 'unused-credentials': 'fail', 'user-mfa': 'fail' } } });
  const verdict = (slug: string, number: number, remedyCommands: string[]) => ({
    checklistRunId: run.id,
    slug,
    number,
    title: `Title of ${slug}\nwith a second line`,
    verdict: 'fail',
    severity: 'high',
    summary: 'Many users.',
    evidence: [],
    remedy: { text: 'Remove them.\nAll of them.', commands: remedyCommands },
    references: [],
    thresholds: [],
    since: currentTime(),
  });
  await db.checklistVerdict.createMany({ data: [verdict('unused-credentials', 5, commands), verdict('user-mfa', 3, commands.slice(0, 2))] });
});

const call = (handler: (r: Request) => Promise<Response>, qs: string) => handler(new Request(`http://localhost/api/checklist/${handler === itemsRoute ? 'items' : 'remedy'}?${qs}`));

test('the item view carries the first commands and how many there are', async () => {
  const res = await call(itemsRoute, `account=${account.id}`);
  assert.equal(res.status, 200, await res.clone().text());
  const body = accountItemsSchema.parse(await res.json());
  const many = body.items.find((i) => i.slug === 'unused-credentials');
  assert.deepEqual(many?.remedy.commands, commands.slice(0, remedyCommandsShown));
  assert.equal(many?.remedy.commandsTotal, commands.length);
  const few = body.items.find((i) => i.slug === 'user-mfa');
  assert.deepEqual(few?.remedy.commands, commands.slice(0, 2));
  assert.equal(few?.remedy.commandsTotal, 2);
});

test('every command downloads as a script; names from AWS stay on comment lines', async () => {
  const res = await call(remedyRoute, `account=${account.id}&item=unused-credentials`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  assert.equal(res.headers.get('content-disposition'), `attachment; filename="warden-${account.id}-unused-credentials-remedy.sh"`);
  const lines = (await res.text()).split('\n');
  assert.equal(lines[0], '#!/bin/sh');
  const body = lines.filter((l) => l !== '' && !l.startsWith('#'));
  assert.deepEqual(body, commands);
  // The account's name and the title carry newlines: each stays within its comment line.
  assert.ok(lines.some((l) => l.startsWith('# Warden remedy for "Title of unused-credentials with a second line" in account big rm -rf / # (515151515151)')));
  assert.ok(!lines.includes('rm -rf / # (515151515151), checklist of'));
});

test('an unknown item is 404 and a bad parameter 400, each named', async () => {
  const unknown = await call(remedyRoute, `account=${account.id}&item=password-policy`);
  assert.equal(unknown.status, 404);
  assert.match(((await unknown.json()) as { error: string }).error, /no verdict on password-policy/);
  const bad = await call(remedyRoute, 'account=12&item=unused-credentials');
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { error: string }).error, /account must be a 12-digit AWS account id/);
  const noItem = await call(remedyRoute, `account=${account.id}&item=../etc`);
  assert.equal(noItem.status, 400);
  assert.match(((await noItem.json()) as { error: string }).error, /item must be a checklist item slug/);
});
