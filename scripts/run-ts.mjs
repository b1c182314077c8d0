#!/usr/bin/env node
// Runs a TypeScript entry point of the project (npm run sync, checklist, sandbox, bench) with tsx,
// under the react-server condition so that `import 'server-only'` is a no-op outside Next.
import { spawn } from 'node:child_process';
import { baseEnv, ensureGenerated, ensureInstalled, root } from './lib/setup.mjs';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node scripts/run-ts.mjs <file.ts> [args…]\n');
  process.exit(64);
}
await ensureInstalled();
await ensureGenerated();
const { applyMigrations } = await import('./lib/migrations.mjs');
applyMigrations({});
const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', file, ...args], { cwd: root, env: baseEnv(), stdio: 'inherit' });
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
