// Which files `npm test` runs in its unit passes (scripts/test.mjs). Node built-ins only.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './setup.mjs';

function findTests(dir, suffixes, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir).sort()) {
    if (entry === 'node_modules' || entry === 'generated' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findTests(path, suffixes, out);
    else if (suffixes.some((s) => entry.endsWith(s))) out.push(relative(root, path));
  }
  return out;
}

/** Every unit and integration test file, relative to the project root. */
export function unitFiles() {
  const files = [
    ...findTests(join(root, 'lib'), ['.test.ts']),
    ...findTests(join(root, 'app'), ['.test.ts']),
    ...findTests(join(root, 'scripts'), ['.test.ts', '.test.mjs']),
  ];
  if (files.length === 0) throw new Error('no unit test files found');
  return files;
}

/** An import statement (not `import type`) of lib/testing/test-store, on one line or several. */
const STORE_IMPORT = /^import\s+(?!type\s)[^;]*?['"]@\/lib\/testing\/test-store['"]/m;

/** An import of lib/testing/use-sqlite or use-postgresql: the file's database is fixed. */
const PINNED_STORE = /^import\s+['"]@\/lib\/testing\/use-(sqlite|postgresql)['"]/m;

/**
 * The integration test files among `files`: those that import lib/testing/test-store, which gives
 * the file a database of its own (SQLite, or PostgreSQL with WARDEN_TEST_DATABASE=postgresql). They
 * are found by that import, so that a new one is included without being listed anywhere.
 *
 * @param {string[]} files relative to the project root
 * @param {(file: string) => string} [read]
 */
export function storeTestFiles(files, read = (file) => readFileSync(join(root, file), 'utf8')) {
  return files.filter((file) => {
    if (!file.endsWith('.ts')) return false;
    const text = read(file);
    // A file that picks its database itself (lib/testing/use-sqlite, use-postgresql) runs on it in every pass.
    return STORE_IMPORT.test(text) && !PINNED_STORE.test(text);
  });
}
