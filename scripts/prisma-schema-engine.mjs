#!/usr/bin/env node
// Stands in for Prisma's native `schema-engine` binary, which the Prisma CLI downloads on first use
// and which cannot be downloaded on an air-gapped network (or in CI here). prisma.config.ts points
// PRISMA_SCHEMA_ENGINE_BINARY at this file, and the CLI spawns it exactly as it would the binary:
//
//   prisma-schema-engine.mjs [--datamodels <schema file>]... [--datasource <json>] [...]
//       serves newline-delimited JSON-RPC 2.0 on stdin/stdout (migrate, db push/pull, diff, ...)
//   prisma-schema-engine.mjs --datasource <json> cli can-connect-to-database|create-database|drop-database
//       one-shot commands; failures as JSON log lines on stderr, exit code 1
//   prisma-schema-engine.mjs --version
//
// The engine itself is the WebAssembly build that ships inside the `prisma` package
// (node_modules/prisma/build/schema_engine_bg.wasm, the same engine version as the CLI), driven
// through the JS glue of @prisma/schema-engine-wasm of that same engine build (scripts/lib/
// schema-engine-wasm.mjs; its test fails when the two drift apart), talking to SQLite through the
// better-sqlite3 driver adapter. That build leaves more to its host than the native binary does,
// and a few things go wrong with SQLite; each such gap is covered where it bites, marked "Gap:".
//
// Only SQLite is supported, which is all Warden uses.

import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { CREATE_MIGRATIONS_TABLE } from './lib/migrations.mjs';
import { loadWasmGlue } from './lib/schema-engine-wasm.mjs';

// stdout belongs to the JSON-RPC channel: a stray console.log from any library would corrupt it.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

const MIGRATIONS_TABLE = '_prisma_migrations';


/** An error the CLI shows as `<code>: <message>`, as the native engine reports user-facing errors. */
class EngineError extends Error {
  /** @param {string} message @param {string} [code] */
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

/** The flags the CLI passes (see SchemaEngine.internalInit and the `cli` helpers in prisma/build/cli.js). */
function parseArgs(argv) {
  const args = { datamodels: [], datasource: undefined, cliCommand: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--datamodels') args.datamodels.push(argv[++i]);
    else if (arg === '--datasource') args.datasource = JSON.parse(argv[++i]);
    else if (arg === '--enabled-preview-features' || arg === '--extension-types') i++; // nothing to do on SQLite
    else if (arg === '--version' || arg === '-V') args.version = true;
    else if (arg === 'cli') args.cliCommand = argv[++i];
    else throw new EngineError(`Unknown argument: ${arg}`);
  }
  return args;
}

/**
 * The file behind a SQLite URL. The CLI starts the engine in the project directory, so a relative
 * path resolves from there (prisma.config.ts hands over absolute ones anyway).
 * @param {string} url
 */
function sqliteFile(url) {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  if (!url.startsWith('file:')) {
    throw new EngineError(`This offline schema engine supports SQLite only (file: URLs), not "${url.split(':')[0]}:"`);
  }
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  if (path.length === 0) throw new EngineError('The datasource URL names no file');
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

// ---------------------------------------------------------------------------------------------
// The WebAssembly engine and its SQLite connections
// ---------------------------------------------------------------------------------------------

/**
 * Gap: the engine hands some multi-statement or comment-only scripts (e.g. migrations replayed on
 * the shadow database) to executeRaw/queryRaw, where better-sqlite3's prepare() rejects them with a
 * RangeError (surfacing as "P3006 … External error id#0"). Scripts without parameters are run
 * with exec() instead, which is what the native engine does with them. Json defaults in every
 * statement are repaired on the way (see quoteJsonDefaults): `db push` runs its own DDL.
 */
function acceptScripts(adapter) {
  const isScriptError = (error) =>
    error instanceof RangeError && /more than one statement|contains no statements/.test(error.message);
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  adapter.executeScript = (script) => executeScript(quoteJsonDefaults(script));
  adapter.queryRaw = async (original) => {
    const query = { ...original, sql: quoteJsonDefaults(original.sql) };
    try {
      return await queryRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !isScriptError(error)) throw error;
      await adapter.executeScript(query.sql);
      return { columnNames: [], columnTypes: [], rows: [] };
    }
  };
  adapter.executeRaw = async (original) => {
    const query = { ...original, sql: quoteJsonDefaults(original.sql) };
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !isScriptError(error)) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

/**
 * Gap, in the native engine too (Prisma issue #26571): the engine renders a Json default such as
 * `@default("[]")` unquoted in SQLite DDL, `DEFAULT []`, which SQLite rejects, in migration scripts
 * (`migrate dev`, `migrate diff --script`) and in what `db push` runs. Quoted, it is what the
 * engine reads back from the database as that same default, so there is no drift afterwards.
 * @param {string} sql
 */function quoteJsonDefaults(sql) {
  return sql.replace(
    /^(.*\bJSONB(?: NOT NULL)? DEFAULT )([[{].*?)([,;]?)$/gm,
    (_, head, value, tail) => `${head}'${value.replaceAll("'", "''")}'${tail}`,
  );
}

async function createAdapterFactory(datasource) {
  const adapterEntry = require.resolve('@prisma/adapter-better-sqlite3');
  const { PrismaBetterSqlite3 } = await import(pathToFileURL(adapterEntry).href);
  // Resolved from the adapter package so that both agree on the driver-adapter protocol version.
  const utilsEntry = createRequire(adapterEntry).resolve('@prisma/driver-adapter-utils');
  const { bindMigrationAwareSqlAdapterFactory } = await import(pathToFileURL(utilsEntry).href);

  const file = datasource?.url ? sqliteFile(datasource.url) : ':memory:';
  // The native engine replays migrations on an in-memory SQLite database unless told otherwise.
  const shadow = datasource?.shadowDatabaseUrl ? sqliteFile(datasource.shadowDatabaseUrl) : ':memory:';
  const base = new PrismaBetterSqlite3({ url: file }, { shadowDatabaseUrl: shadow });

  /** @type {Promise<any> | undefined} */
  let opening;
  // The engine's main connection. Kept so that the gaps below can be covered on it (it holds
  // SQLite's lock in exclusive mode, so a second connection could not write), and opened on first
  // use: the engine asks for it at start, but commands such as `migrate diff` between files never
  // use it and must not create a database file as a side effect.
  const main = {
    open() {
      opening ??= (async () => {
        if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
        return acceptScripts(await base.connect());
      })();
      return opening;
    },
    /** @returns {Promise<import('better-sqlite3').Database>} */
    async database() {
      return (await main.open()).client;
    },
    async close() {
      if (opening) await (await opening).dispose();
    },
  };
  const lazyAdapter = {
    adapterName: base.adapterName,
    provider: base.provider,
    queryRaw: async (query) => (await main.open()).queryRaw(query),
    executeRaw: async (query) => (await main.open()).executeRaw(query),
    executeScript: async (script) => (await main.open()).executeScript(script),
    startTransaction: async (...args) => (await main.open()).startTransaction(...args),
    dispose: () => main.close(),
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    adapterName: base.adapterName,
    provider: base.provider,
    connect: async () => lazyAdapter,
    connectToShadowDb: async () => acceptScripts(await base.connectToShadowDb()),
  });
  return { factory, main };
}

function hasMigrationsTable(db) {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE) !== undefined;
}

/**
 * Gap: the native engine treats a missing `_prisma_migrations` as an empty history when it only
 * reads it (status, migrate dev's checks); the wasm build fails with "P1014 … _prisma_migrations
 * does not exist". The table is created for the duration of the call and dropped again if the
 * call left it empty, so that a database looks exactly as it would have to the native engine
 * (which matters for its "not empty, not managed by Prisma Migrate" checks).
 *
 * @template T
 * @param {import('better-sqlite3').Database} db
 * @param {(created: boolean) => Promise<T>} run
 */
async function withMigrationsTable(db, run) {
  if (hasMigrationsTable(db)) return run(false);
  db.exec(CREATE_MIGRATIONS_TABLE);
  try {
    return await run(true);
  } finally {
    const empty = hasMigrationsTable(db) && db.prepare(`SELECT count(*) AS n FROM "${MIGRATIONS_TABLE}"`).get().n == 0;
    if (empty) db.exec(`DROP TABLE "${MIGRATIONS_TABLE}"`);
  }
}

const quoteIdentifier = (name) => `"${String(name).replaceAll('"', '""')}"`;

/**
 * Gap: the wasm engine's `reset` only deletes rows, so re-applying the migrations afterwards fails
 * with "table … already exists". The native engine empties the database file entirely; so does
 * this.
 * @param {import('better-sqlite3').Database} db
 */
function resetDatabase(db) {
  const objects = db
    .prepare(
      `SELECT type, name FROM sqlite_master
       WHERE type IN ('view', 'trigger', 'table') AND name NOT LIKE 'sqlite_%'
       ORDER BY CASE type WHEN 'view' THEN 0 WHEN 'trigger' THEN 1 ELSE 2 END`,
    )
    .all();
  const foreignKeys = db.pragma('foreign_keys', { simple: true });
  // Otherwise dropping a parent table first would fail or cascade into tables not yet dropped.
  db.pragma('foreign_keys = OFF');
  try {
    for (const { type, name } of objects) db.exec(`DROP ${type.toUpperCase()} IF EXISTS ${quoteIdentifier(name)}`);
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get()) db.exec('DELETE FROM sqlite_sequence');
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  db.exec('VACUUM');
}

// ---------------------------------------------------------------------------------------------
// JSON-RPC server
// ---------------------------------------------------------------------------------------------

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** The error shape the CLI reads: `data.message`, `data.error_code`, `data.is_panic`. */
function rpcError(id, error, registry) {
  let message = error instanceof Error ? error.message : String(error);
  // Errors thrown by the driver adapter reach the engine as "External error id#N"; the original is
  // kept in the adapter factory's registry, and is what a person needs to see.
  message = message.replace(/External error id#(\d+)/g, (text, n) => {
    const original = registry?.consumeError(Number(n))?.error;
    return original ? `${text}: ${original.message ?? original}` : text;
  });
  const isPanic = error instanceof WebAssembly.RuntimeError;
  const code = typeof error?.code === 'string' && /^P\d{4}$/.test(error.code) ? error.code : undefined;
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: 4466,
      message: 'An error happened. Check the data field for details.',
      data: { is_panic: isPanic, message, error_code: code, meta: {}, ...(isPanic ? { error: { message } } : {}) },
    },
  };
}

async function serveJsonRpc(args) {
  const glue = await loadWasmGlue();
  const { factory, main } = await createAdapterFactory(args.datasource);
  const datamodels = args.datamodels.map((path) => [path, readFileSync(path, 'utf8')]);
  // The engine's tracing output, as JSON lines on stderr like the native engine's: the CLI reads
  // them for error context.
  const log = (line) => process.stderr.write(line.endsWith('\n') ? line : `${line}\n`);
  const engine = await glue.SchemaEngine.new({ datamodels: datamodels.length > 0 ? datamodels : undefined }, log, factory);

  // The engine replies to the CLI; for `diff` the native engine also asks the CLI to print, and
  // waits for its answer. Those answers come back on stdin.
  let nextPrintId = 1;
  const awaitingAnswer = new Map();
  const printOnCli = (content) =>
    new Promise((resolvePrint) => {
      const id = `print-${nextPrintId++}`;
      awaitingAnswer.set(id, resolvePrint);
      send({ jsonrpc: '2.0', id, method: 'print', params: { content } });
    });

  /**
   * Gap: createMigration/evaluateDataLoss fail with "SQLite shadow DB must be provided through an
   * external factory" unless devDiagnostic ran just before in the same engine (that call makes the
   * wasm build take its shadow database from the adapter factory, and applyMigrations undoes it).
   * So it is run first every time, with the same migrations; it only reads, and its answer is
   * not needed here.
   */
  const prepareShadowDatabase = (params) =>
    engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });

  const readsHistory = (method) => async (params) =>
    withMigrationsTable(await main.database(), () => engine[method](params));

  const methods = {
    applyMigrations: (params) => engine.applyMigrations(params),
    markMigrationApplied: async (params) => {
      // Like the native engine's baseline_initialize: marking the first migration applied on an
      // existing database is how Prisma baselines it, so the table is simply created.
      const db = await main.database();
      if (!hasMigrationsTable(db)) db.exec(CREATE_MIGRATIONS_TABLE);
      return engine.markMigrationApplied(params);
    },
    markMigrationRolledBack: readsHistory('markMigrationRolledBack'),
    diagnoseMigrationHistory: async (params) =>
      withMigrationsTable(await main.database(), async (created) => {
        const result = await engine.diagnoseMigrationHistory(params);
        return created ? { ...result, hasMigrationsTable: false } : result;
      }),
    devDiagnostic: readsHistory('devDiagnostic'),
    evaluateDataLoss: async (params) =>
      withMigrationsTable(await main.database(), async () => {
        await prepareShadowDatabase(params);
        return engine.evaluateDataLoss(params);
      }),
    createMigration: async (params) =>
      withMigrationsTable(await main.database(), async () => {
        await prepareShadowDatabase(params);
        const result = await engine.createMigration(params);
        return result.migrationScript ? { ...result, migrationScript: quoteJsonDefaults(result.migrationScript) } : result;
      }),
    // Gap: the wasm build returns the diff as `stdout`; the native engine prints it through the CLI.
    diff: async (params) => {
      const { exitCode, stdout } = await engine.diff(params);
      if (stdout !== null && stdout !== undefined) await printOnCli(params.script ? quoteJsonDefaults(stdout) : stdout);
      return { exitCode };
    },
    reset: async () => {
      resetDatabase(await main.database());
      return {};
    },
    schemaPush: (params) => engine.schemaPush(params),
    introspect: (params) => engine.introspect(params),
    introspectSql: (params) => engine.introspectSql(params),
    dbExecute: async (params) => {
      await engine.dbExecute(params);
      return {};
    },
    ensureConnectionValidity: (params) => engine.ensureConnectionValidity(params),
    getDatabaseVersion: (params) => engine.version(params),
    createDatabase: async (params) => {
      const url = params?.datasource?.url ?? args.datasource?.url;
      return { databaseName: createDatabase(url) };
    },
    debugPanic: () => engine.debugPanic(),
  };

  async function handleRequest(request) {
    const handler = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
    if (!handler) {
      send({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: `Method not found: ${request.method}` } });
      return;
    }
    try {
      const result = await handler(request.params ?? {});
      send({ jsonrpc: '2.0', id: request.id, result: result ?? {} });
    } catch (error) {
      send(rpcError(request.id, error, factory.errorRegistry));
      // A panic leaves the WebAssembly instance unusable; the native engine exits with 101 too.
      if (error instanceof WebAssembly.RuntimeError) process.exit(101);
    }
  }

  // Requests run one at a time, in order, as the native engine does. Answers to our own `print`
  // requests must not wait in that queue: the request being served is waiting for them.
  let queue = Promise.resolve();
  const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
  input.on('line', (line) => {
    if (line.trim().length === 0) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    if (typeof message.method !== 'string') {
      awaitingAnswer.get(message.id)?.();
      awaitingAnswer.delete(message.id);
      return;
    }
    queue = queue.then(() => handleRequest(message));
  });
  // The CLI closes stdin when it is done with the engine, and on Unix sends SIGTERM right after.
  // Closing the connection releases SQLite's exclusive lock and journal cleanly either way.
  const shutdown = () => {
    main.close().finally(() => process.exit(0));
  };
  input.on('close', () => queue.then(shutdown));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

// ---------------------------------------------------------------------------------------------
// One-shot `cli` commands
// ---------------------------------------------------------------------------------------------

/** Creates the database file (and its directory); returns its name, as the native engine does. */
function createDatabase(url) {
  const file = sqliteFile(url);
  mkdirSync(dirname(file), { recursive: true });
  new Database(file).close();
  return basename(file);
}

function canConnect(url) {
  const file = sqliteFile(url);
  if (file !== ':memory:' && !existsSync(file)) {
    throw new EngineError(`Database ${basename(file)} does not exist at ${file}`, 'P1003');
  }
  const db = new Database(file, { fileMustExist: file !== ':memory:' });
  try {
    db.prepare('SELECT 1').get();
  } finally {
    db.close();
  }
}

function dropDatabase(url) {
  const file = sqliteFile(url);
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/** A log line in the native engine's format; the CLI reads ERROR lines from `schema_engine::logger`. */
function logLine(level, fields) {
  return JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: 'schema_engine::logger' });
}

function runCliCommand(args) {
  const url = args.datasource?.url;
  // The CLI skips the first stderr line when it looks for the error, as the native engine logs
  // its start first.
  process.stderr.write(`${logLine('INFO', { message: `Starting schema engine CLI (${args.cliCommand})` })}\n`);
  try {
    if (!url) throw new EngineError('No datasource URL given (--datasource {"url": …})');
    if (args.cliCommand === 'can-connect-to-database') canConnect(url);
    else if (args.cliCommand === 'create-database') createDatabase(url);
    else if (args.cliCommand === 'drop-database') dropDatabase(url);
    else throw new EngineError(`Unknown cli command: ${args.cliCommand}`);
    process.exit(0);
  } catch (error) {
    const fields = { is_panic: false, message: error.message, error_code: error.code ?? '' };
    process.stderr.write(`${logLine('ERROR', fields)}\n`);
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    const glue = await loadWasmGlue();
    // `prisma version` prints what follows the program name.
    process.stdout.write(`schema-engine-cli ${glue.version()} (WebAssembly, offline shim)\n`);
    return;
  }
  if (args.cliCommand) return runCliCommand(args);
  await serveJsonRpc(args);
}

main().catch((error) => {
  process.stderr.write(`${logLine('ERROR', { is_panic: false, message: String(error?.stack ?? error), error_code: error?.code ?? '' })}\n`);
  process.exit(1);
});
