import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { bulkTables, insertRows, maxParameters, type BulkTable } from '@/lib/bulk-insert';

// The writers' bulk insert against Prisma's own createMany: the same rows read back the same,
// whatever the values (dates, booleans, every kind of JSON, hostile text), past the parameter
// bound of one statement, and on conflict.

const accountId = '210987654321';
// 17 columns a finding: enough rows for three statements.
const rowsOfFindings = 2 * Math.floor(maxParameters / 17) + 30;
const now = currentTime();

/** The Json fields and UUID ids of each model, read from schema.prisma. */
function schemaFacts(model: string): { json: string[]; uuidId: boolean } {
  const schema = readFileSync(join(process.cwd(), 'prisma', 'schema.prisma'), 'utf8');
  const block = new RegExp(`^model ${model} \\{([\\s\\S]*?)^\\}`, 'm').exec(schema)?.[1];
  assert.ok(block, `model ${model} is in schema.prisma`);
  const fields = block
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((w) => /^[a-z]/.test(w[0] ?? ''));
  return {
    json: fields.filter((w) => /^Json\??$/.test(w[1] ?? '')).map((w) => w[0] ?? ''),
    uuidId: fields.some((w) => w[0] === 'id' && w.join(' ').includes('@default(uuid())')),
  };
}

describe('insertRows', () => {
  before(async () => {
    await db.account.create({ data: { id: accountId, name: 'bulk', access: 'own', regions: [] } });
    await db.analyzer.create({ data: { arn: 'arn:aws:access-analyzer:us-east-1:210987654321:analyzer/a', accountId, region: 'us-east-1', name: 'a', type: 'ACCOUNT', status: 'ACTIVE', createdAt: now, lastSeenAt: now } });
  });
  after(() => db.$disconnect());

  test('each table spec names exactly the Json columns and the generated UUID id of schema.prisma', () => {
    for (const table of Object.keys(bulkTables) as BulkTable[]) {
      const facts = schemaFacts(table);
      assert.deepEqual([...bulkTables[table].json].sort(), facts.json.sort(), `${table}: Json columns`);
      assert.equal(bulkTables[table].uuidId, facts.uuidId, `${table}: id generated as a UUID`);
    }
  });

  test('findings read back exactly as createMany stores them, across many statements', async () => {
    const hostile = `x'); DROP TABLE "Finding"; --`;
    const details: unknown[] = [{ principal: { AWS: '*' }, action: ['s3:GetObject'], isPublic: true }, ['a', 1], 'text', 42, true, Prisma.JsonNull, Prisma.DbNull, undefined];
    const make = (prefix: string) =>
      Array.from({ length: rowsOfFindings }, (_, i) => ({
        key: `${prefix}-${i}`,
        id: `${prefix}-id-${i}`,
        analyzerArn: 'arn:aws:access-analyzer:us-east-1:210987654321:analyzer/a',
        accountId,
        region: 'us-east-1',
        findingType: 'ExternalAccess',
        resourceType: 'AWS::S3::Bucket',
        resource: i % 7 === 0 ? hostile : `arn:aws:s3:::bucket-${i}`,
        resourceOwnerAccount: accountId,
        status: 'ACTIVE',
        createdAt: new Date(now.getTime() - i * 1000),
        updatedAt: now,
        analyzedAt: new Date(now.getTime() - 1),
        lastSeenAt: now,
        error: i % 3 === 0 ? null : `error ${i} ✓`,
        details: details[i % details.length] as Prisma.InputJsonValue,
        detailsFetchedAt: i % 2 === 0 ? now : undefined,
      }));
    await db.finding.createMany({ data: make('prisma') });
    const written = await db.$transaction((tx) => insertRows(tx, 'Finding', make('bulk')));
    assert.equal(written, rowsOfFindings);
    const read = async (prefix: string) =>
      (await db.finding.findMany({ where: { key: { startsWith: `${prefix}-` } }, orderBy: { createdAt: 'desc' } })).map(({ key, id, ...rest }) => ({
        key: key.slice(prefix.length),
        id: id.slice(prefix.length),
        ...rest,
      }));
    const viaPrisma = await read('prisma');
    assert.equal(viaPrisma.length, rowsOfFindings);
    assert.deepEqual(await read('bulk'), viaPrisma);
    // Queries compare dates as Prisma writes them: the same instant matches both copies.
    assert.equal(await db.finding.count({ where: { createdAt: now, key: { not: { contains: 'x' } } } }), 2);
    assert.equal(await db.finding.count({ where: { resource: hostile } }), 2 * Math.ceil(rowsOfFindings / 7));
  });

  test('rows of booleans and generated ids read back as createMany stores them', async () => {
    const snapshot = await db.snapshot.create({ data: { accountId, source: 'credential-report', takenAt: now } });
    const entry = (user: string, root: boolean) => ({
      snapshotId: snapshot.id,
      isRoot: root,
      user,
      arn: `arn:aws:iam::${accountId}:user/${user.slice(2)}`,
      userCreationTime: now,
      passwordEnabled: root ? null : true,
      mfaActive: !root,
      accessKey1Active: true,
      accessKey1LastRotated: now,
      accessKey2Active: false,
      cert1Active: false,
      cert2Active: false,
    });
    await db.credentialReportEntry.createMany({ data: [entry('p-root', true), entry('p-alice', false)] });
    await db.$transaction((tx) => insertRows(tx, 'CredentialReportEntry', [entry('b-root', true), entry('b-alice', false)]));
    const rows = await db.credentialReportEntry.findMany({ where: { snapshotId: snapshot.id }, orderBy: { user: 'asc' } });
    const ids = new Set(rows.map((r) => r.id));
    assert.equal(ids.size, 4);
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const strip = (prefix: string) => rows.filter((r) => r.user.startsWith(prefix)).map(({ id: _id, user, ...r }) => ({ ...r, user: user.slice(prefix.length) }));
    assert.deepEqual(strip('b-'), strip('p-'));
    assert.equal(await db.credentialReportEntry.count({ where: { snapshotId: snapshot.id, mfaActive: true } }), 2);
  });

  test('on conflict: counts add to the stored ones, stored events stay as they are', async () => {
    const day = (eventName: string, count: number) => ({ accountId, region: 'us-east-1', day: '2026-11-28', eventName, count });
    await db.$transaction((tx) => insertRows(tx, 'EventDailyCount', [day('ConsoleLogin', 3), day('CreateUser', 1)], { columns: ['accountId', 'region', 'day', 'eventName'], action: 'add', add: ['count'] }));
    await db.$transaction((tx) => insertRows(tx, 'EventDailyCount', [day('ConsoleLogin', 2), day('DeleteUser', 5)], { columns: ['accountId', 'region', 'day', 'eventName'], action: 'add', add: ['count'] }));
    const counts = await db.eventDailyCount.findMany({ where: { accountId }, orderBy: { eventName: 'asc' }, select: { eventName: true, count: true } });
    assert.deepEqual(counts, [
      { eventName: 'ConsoleLogin', count: 5 },
      { eventName: 'CreateUser', count: 1 },
      { eventName: 'DeleteUser', count: 5 },
    ]);

    const event = (eventId: string, userName: string) => ({ eventId, accountId, region: 'us-east-1', eventTime: now, eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com', userType: 'IAMUser', userName, isRoot: false, isConsoleLogin: true, isCrossAccount: false });
    assert.equal(await db.$transaction((tx) => insertRows(tx, 'TrailEvent', [event('e1', 'alice'), event('e2', 'bob')], { columns: ['eventId'], action: 'ignore' })), 2);
    assert.equal(await db.$transaction((tx) => insertRows(tx, 'TrailEvent', [event('e2', 'mallory'), event('e3', 'carol')], { columns: ['eventId'], action: 'ignore' })), 1);
    const events = await db.trailEvent.findMany({ where: { accountId }, orderBy: { eventId: 'asc' }, select: { eventId: true, userName: true } });
    assert.deepEqual(events, [
      { eventId: 'e1', userName: 'alice' },
      { eventId: 'e2', userName: 'bob' },
      { eventId: 'e3', userName: 'carol' },
    ]);
  });

  test('a failing row rolls back the whole transaction, earlier statements included', async () => {
    const row = (eventId: string) => ({ eventId, accountId, region: 'us-east-1', eventTime: now, eventName: 'X', eventSource: 's', userType: 'IAMUser', isRoot: false, isConsoleLogin: false, isCrossAccount: false });
    // 10 columns: the repeated id fails the third statement.
    const perStatement = Math.floor(maxParameters / 10);
    const broken = [...Array.from({ length: 2 * perStatement + 5 }, (_, i) => row(`r${i}`)), row('r0')];
    await assert.rejects(db.$transaction((tx) => insertRows(tx, 'TrailEvent', broken)), /UNIQUE constraint failed|Unique constraint|duplicate key value violates unique constraint/);
    assert.equal(await db.trailEvent.count({ where: { eventId: { startsWith: 'r' } } }), 0);
  });
});
