import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, derivePostgresSchema } from './derive-postgres-schema.mjs';

// prisma/schema.prisma is the one source of truth; the PostgreSQL schema is derived from it.

test('the committed PostgreSQL schema is the derivation of prisma/schema.prisma (run npm run db:generate when not)', () => {
  assert.equal(readFileSync(POSTGRES_SCHEMA, 'utf8'), derivePostgresSchema(readFileSync(SQLITE_SCHEMA, 'utf8')));
});

test('the derivation changes the provider and the client output, and keeps every model as it is', () => {
  const sqlite = readFileSync(SQLITE_SCHEMA, 'utf8');
  const derived = derivePostgresSchema(sqlite);
  assert.match(derived, /^datasource db \{\n\s*provider = "postgresql"\n\}/m);
  assert.match(derived, /output\s*= "\.\.\/\.\.\/lib\/generated\/prisma-pg"/);
  assert.doesNotMatch(derived, /"sqlite"/);
  const models = (text) => text.slice(text.indexOf('\nmodel '));
  assert.equal(models(derived), models(sqlite));
  assert.equal(derivePostgresSchema(sqlite.replaceAll('\n', '\r\n')), derived, 'line endings do not matter');
});

test('what the derivation cannot translate is refused, not copied', () => {
  const sqlite = readFileSync(SQLITE_SCHEMA, 'utf8');
  assert.throws(() => derivePostgresSchema(sqlite.replace('name        String', 'name        String @db.Text')), /@db\.Text/);
  assert.throws(() => derivePostgresSchema(sqlite.replace('provider = "sqlite"', 'provider = "mysql"')), /provider = "sqlite"/);
  assert.throws(() => derivePostgresSchema(sqlite.replace('../lib/generated/prisma"', '../elsewhere"')), /generator/);
});
