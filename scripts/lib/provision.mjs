// What `npm test` needs from the machine beyond npm packages: a Chromium for the end-to-end journeys,
// libfaketime for the moved-clock run and PostgreSQL's server programs for the tests that start a
// throwaway PostgreSQL (./postgres-server.mjs). Each is found where it already is; when it is missing it
// is installed from Debian's packages where that is possible (Debian or Ubuntu, as root), and
// otherwise the run stops at once with one line that says what to run. Nothing is downloaded from
// anywhere but the system's package manager. Node built-ins only: this runs before anything else.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { findPostgresBin, isExecutable } from './postgres-server.mjs';
import { log, root } from './setup.mjs';

export class ProvisionError extends Error {}


/** The first of `names` found on PATH, as an absolute path. */
export function onPath(names, pathVariable = process.env.PATH ?? '') {
  for (const dir of pathVariable.split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/** Whether this machine can install Debian packages itself: a Debian-family system, run as root. */
export function canAptInstall() {
  return existsSync('/etc/debian_version') && typeof process.getuid === 'function' && process.getuid() === 0 && onPath(['apt-get']) !== null;
}

let aptUpdated = false;
function aptInstall(pkg) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    log('apt-get update …');
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (update.status !== 0) throw new ProvisionError(`apt-get update failed (exit ${update.status}); install ${pkg} yourself and run npm test again`);
    aptUpdated = true;
  }
  log(`installing Debian's ${pkg} package …`);
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], { stdio: 'inherit', env });
  if (install.status !== 0) throw new ProvisionError(`apt-get install ${pkg} failed (exit ${install.status}); install it yourself and run npm test again`);
}

const systemBrowsers = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** Playwright's own cached Chromium, when a `playwright install` has put one there. */
function playwrightCachedChromium() {
  try {
    const require = createRequire(join(root, 'package.json'));
    const path = require('playwright-core').chromium.executablePath();
    return path && isExecutable(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * The Chromium the end-to-end journeys run in: CHROMIUM_PATH when set (it must exist), else the
 * system's Chromium or Chrome, else Playwright's cached browser, else Debian's `chromium` installed
 * now (as root on Debian/Ubuntu). Throws a ProvisionError with the one line to act on otherwise.
 */
export function ensureBrowser({ env = process.env, install = canAptInstall() } = {}) {
  if (env.CHROMIUM_PATH) {
    if (isExecutable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new ProvisionError(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, which is not an executable file; point it at a Chromium or unset it`);
  }
  const found = onPath(systemBrowsers, env.PATH) ?? playwrightCachedChromium();
  if (found) return found;
  if (install) {
    aptInstall('chromium');
    const installed = onPath(systemBrowsers, env.PATH);
    if (installed) return installed;
  }
  throw new ProvisionError(
    'no Chromium for the end-to-end tests: install one (Debian/Ubuntu: `sudo apt-get install chromium`; elsewhere: `npx playwright install chromium`) or set CHROMIUM_PATH, then run npm test again',
  );
}

/** The `faketime` command (libfaketime), installed from Debian's package when it is missing and possible. */
export function ensureFaketime({ env = process.env, install = canAptInstall() } = {}) {
  const found = onPath(['faketime'], env.PATH);
  if (found) return found;
  if (install) {
    aptInstall('faketime');
    const installed = onPath(['faketime'], env.PATH);
    if (installed) return installed;
  }
  throw new ProvisionError(
    'no faketime for the moved-clock test run: install it (Debian/Ubuntu: `sudo apt-get install faketime`; macOS: `brew install libfaketime`), then run npm test again',
  );
}

/**
 * The directory of PostgreSQL's server programs (initdb, pg_ctl, postgres) for the throwaway
 * databases of the tests: WARDEN_POSTGRES_BIN, Debian's /usr/lib/postgresql/<version>/bin or PATH,
 * else Debian's `postgresql` installed now (as root on Debian/Ubuntu). Installing it also sets up
 * Debian's own cluster, which the tests leave alone: they start their own.
 */
export function ensurePostgres({ env = process.env, install = canAptInstall() } = {}) {
  const found = findPostgresBin(env);
  if (found) return found;
  if (install) {
    aptInstall('postgresql');
    const installed = findPostgresBin(env);
    if (installed) return installed;
  }
  throw new ProvisionError(
    'no PostgreSQL for the tests that run on it: install its server (Debian/Ubuntu: `sudo apt-get install postgresql`; macOS: `brew install postgresql`) or set WARDEN_POSTGRES_BIN to the directory holding initdb and pg_ctl, then run npm test again',
  );
}
