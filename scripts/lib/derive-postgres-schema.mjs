// Derives Warden's PostgreSQL schema (prisma/postgresql/schema.prisma) from prisma/schema.prisma,
// the one source of truth. Prisma takes one provider per schema and ties a generated client to it,
// so PostgreSQL gets its own copy of the models, its own generated client
// (lib/generated/prisma-pg) and its own migration history (prisma/postgresql/migrations).
//
// Deterministic and text-only: the same schema.prisma always gives the same bytes, so a test can
// compare the committed file with a fresh derivation. Plain ESM on Node built-ins: it runs before
// anything is installed (scripts/lib/setup.mjs ensureGenerated).
//
//   node scripts/lib/derive-postgres-schema.mjs          write prisma/postgresql/schema.prisma
//   node scripts/lib/derive-postgres-schema.mjs --check  exit 1 when the committed file is stale

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SQLITE_SCHEMA = join(PROJECT_ROOT, 'prisma', 'schema.prisma');
export const POSTGRES_SCHEMA = join(PROJECT_ROOT, 'prisma', 'postgresql', 'schema.prisma');
export const POSTGRES_MIGRATIONS = join(PROJECT_ROOT, 'prisma', 'postgresql', 'migrations');

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/lib/derive-postgres-schema.mjs: do not edit.
// Change prisma/schema.prisma instead; \`npm run db:generate\` rewrites this file from it.
`;

/** Finds the one `<kind> <name> { … }` block; blocks in a Prisma schema do not nest. */
function block(text, kind, name) {
  const pattern = new RegExp(`^${kind}\\s+${name}\\s*\\{[^}]*\\}`, 'm');
  const match = pattern.exec(text);
  if (!match) throw new Error(`prisma/schema.prisma has no \`${kind} ${name} { … }\` block`);
  return match;
}

/**
 * The PostgreSQL schema for a SQLite schema's text. What changes, and why:
 * - the datasource's provider: sqlite → postgresql (the URL comes from prisma.config.ts / the app);
 * - the generator's output: the client goes to lib/generated/prisma-pg, written from
 *   prisma/postgresql/ (one directory deeper, hence ../../);
 * - a header saying where the file comes from.
 * Models are copied as they are: the column types they use (String, Int, Boolean, DateTime, Json)
 * map to PostgreSQL natively (Json becomes jsonb), and the schema uses no @db.* native types.
 * Anything SQLite-only that a later change brings in is refused here rather than copied silently.
 *
 * @param {string} sqliteSchema
 * @returns {string}
 */
export function derivePostgresSchema(sqliteSchema) {
  const text = sqliteSchema.replaceAll('\r\n', '\n');
  const datasource = block(text, 'datasource', 'db');
  if (!/^\s*provider\s*=\s*"sqlite"\s*$/m.test(datasource[0])) {
    throw new Error('prisma/schema.prisma: the datasource is expected to say provider = "sqlite"');
  }
  const generator = block(text, 'generator', 'client');
  if (!/^\s*output\s*=\s*"\.\.\/lib\/generated\/prisma"\s*$/m.test(generator[0])) {
    throw new Error('prisma/schema.prisma: the generator is expected to write to "../lib/generated/prisma"');
  }
  const sqliteOnly = /@db\.\w+|\bUnsupported\(/.exec(text);
  if (sqliteOnly) throw new Error(`prisma/schema.prisma uses ${sqliteOnly[0]}, which derive-postgres-schema.mjs does not translate`);

  const newDatasource = datasource[0].replace(/^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"');
  const newGenerator = generator[0].replace(/^(\s*output\s*=\s*)"\.\.\/lib\/generated\/prisma"/m, '$1"../../lib/generated/prisma-pg"');
  const body = text.replace(datasource[0], newDatasource).replace(generator[0], newGenerator);
  return `${HEADER}\n${body.endsWith('\n') ? body : `${body}\n`}`;
}

/**
 * Writes prisma/postgresql/schema.prisma when its content differs (an unchanged file keeps its
 * modification time, which ensureGenerated compares).
 * @returns {boolean} whether the file was written
 */
export function writePostgresSchema({ from = SQLITE_SCHEMA, to = POSTGRES_SCHEMA } = {}) {
  const derived = derivePostgresSchema(readFileSync(from, 'utf8'));
  if (existsSync(to) && readFileSync(to, 'utf8') === derived) return false;
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, derived);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const current = existsSync(POSTGRES_SCHEMA) ? readFileSync(POSTGRES_SCHEMA, 'utf8') : '';
    if (current !== derivePostgresSchema(readFileSync(SQLITE_SCHEMA, 'utf8'))) {
      console.error('prisma/postgresql/schema.prisma is not derived from prisma/schema.prisma: run npm run db:generate');
      process.exitCode = 1;
    }
  } else {
    const written = writePostgresSchema();
    console.log(written ? 'wrote prisma/postgresql/schema.prisma' : 'prisma/postgresql/schema.prisma is up to date');
  }
}
