#!/usr/bin/env node
// `npm start`: install what is missing, generate the client, apply migrations, build if the
// sources changed, then serve. `--dev` serves with `next dev`; `--build-only` stops after the build.
import { bin, ensureBuilt, ensureGenerated, ensureInstalled, log, run, serveEnv } from './lib/setup.mjs';

const args = new Set(process.argv.slice(2));

async function main() {
  await ensureInstalled();
  await ensureGenerated();
  const { applyDatabaseMigrations } = await import('./lib/apply-database-migrations.mjs');
  const { applied } = await applyDatabaseMigrations({ log });
  if (applied.length > 0) log(`applied ${applied.length} migration(s)`);
  if (args.has('--dev')) {
    await run(bin('next'), ['dev', ...serveArgs()], { env: serveEnv() });
    return;
  }
  await ensureBuilt({ force: args.has('--build-only') });
  if (args.has('--build-only')) return;
  log(`serving on http://${host()}:${port()}`);
  await run(bin('next'), ['start', ...serveArgs()], { env: serveEnv() });
}

// Loopback only unless WARDEN_HOST says otherwise: Warden shows who holds which keys. (Not
// HOSTNAME: shells and containers set that to the machine's name.)
const host = () => process.env.WARDEN_HOST || '127.0.0.1';
const port = () => process.env.PORT ?? '3000';
const serveArgs = () => ['--port', port(), '--hostname', host()];

main().catch((error) => {
  process.stderr.write(`[warden] ${error.message}\n`);
  process.exit(error.exitCode ?? 1);
});
