#!/usr/bin/env node
// Runs a TypeScript entry point of the project (npm run sync, checklist, sandbox, bench) with tsx,
// under the react-server condition so that `import 'server-only'` is a no-op outside Next.
import { spawn } from 'node:child_process';
import { baseEnv, ensureGenerated, ensureInstalled, heapOption, root } from './lib/setup.mjs';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node scripts/run-ts.mjs <file.ts> [args…]\n');
  process.exit(64);
}
await ensureInstalled();
await ensureGenerated();
// db:copy reads its source as it is (it refuses one that is behind): applying migrations, or
// creating a missing database, would change what it is asked to copy.
if (!/(^|\/)db-copy\.ts$/.test(file)) {
  const { applyDatabaseMigrations } = await import('./lib/apply-database-migrations.mjs');
  await applyDatabaseMigrations({});
}
// Warden's own entry points run within the server's heap bound; the sandbox (a stand-in for AWS that
// holds a whole organization's data) is not Warden and is not bounded.
const heap = /(^|\/)sandbox\.ts$/.test(file) ? [] : [heapOption()];
const child = spawn(process.execPath, [...heap, '--conditions=react-server', '--import', 'tsx', file, ...args], { cwd: root, env: baseEnv(), stdio: 'inherit' });
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
