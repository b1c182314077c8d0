// Which database a DATABASE_URL names, and what is wrong with one that names none. Shared by the
// app (lib/env.ts, lib/db.ts) and the scripts that run before it (start, db:migrate), so that all
// of them accept and refuse the same URLs with the same words.
//
// A PostgreSQL URL may hold a password: messages never repeat the URL, and redactDatabaseUrl is
// the only way one is shown.

/** SQLite (file:…) stays the default; postgresql:// and postgres:// select PostgreSQL. */
export const DEFAULT_DATABASE_URL = 'file:./data/warden.db';

/**
 * What is wrong with `url`, in words naming DATABASE_URL (without its value), or null when it is
 * usable.
 * @param {string} url
 * @returns {string | null}
 */
export function databaseUrlProblem(url) {
  if (url.trim().length === 0) return 'DATABASE_URL is empty; unset it for the default SQLite file, or set a file: or postgresql:// URL';
  if (url.startsWith('file:')) {
    return (url.slice('file:'.length).split('?')[0] ?? '').length === 0 ? 'DATABASE_URL names no file (file:./data/warden.db, for example)' : null;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== 'postgresql' && scheme !== 'postgres') {
    return `DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL (PostgreSQL), not ${scheme ? `a ${scheme}: URL` : 'something without a scheme'}`;
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return 'DATABASE_URL is not a valid postgresql:// URL (postgresql://user:password@host:5432/database; a password with @, : or / must be percent-encoded)';
  }
  if (!url.slice(scheme.length + 1).startsWith('//')) return 'DATABASE_URL must start with postgresql:// (two slashes)';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database.length === 0 || database.includes('/')) return 'DATABASE_URL names no database (postgresql://host:5432/<database>)';
  // A host in the URL, or a unix socket directory as ?host=/run/postgresql.
  if (parsed.hostname.length === 0 && !parsed.searchParams.get('host')) return 'DATABASE_URL names no host (postgresql://<host>:5432/database, or ?host=<socket directory>)';
  return null;
}

/**
 * 'sqlite' or 'postgresql'; throws an Error with databaseUrlProblem's words when the URL is unusable.
 * @param {string} url
 * @returns {'sqlite' | 'postgresql'}
 */
export function databaseKind(url) {
  const problem = databaseUrlProblem(url);
  if (problem) throw new Error(problem);
  return url.startsWith('file:') ? 'sqlite' : 'postgresql';
}

/**
 * The URL fit for a log line: a PostgreSQL URL without its password (and without query
 * parameters, which may hold one: ?password=, sslpassword=, sslkey paths); a file: URL as it is.
 * @param {string} url
 */
export function redactDatabaseUrl(url) {
  if (url.startsWith('file:')) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return '(an unparseable DATABASE_URL)';
  }
}
