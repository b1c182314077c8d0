import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storeTestFiles, unitFiles } from './test-files.mjs';

// npm test's PostgreSQL pass runs the test files that import lib/testing/test-store, found by that
// import, but for those that pick their own database.

test('a file that imports the test store is an integration test file, however the import is written', () => {
  const sources = {
    'lib/a.test.ts': "import '@/lib/testing/test-store';\nimport { db } from '@/lib/db';\n",
    'lib/b.test.ts': "import '@/lib/testing/use-postgresql';\nimport \"@/lib/testing/test-store\";\n",
    'lib/c.test.ts': "import '@/lib/testing/test-store';\n".replace("import '", "import {\n  testDataDir,\n} from '"),
    'lib/d.test.ts': "// Import right after lib/testing/test-store.\nimport { parse } from '@/lib/x';\n",
    'lib/e.test.ts': "import type { X } from '@/lib/testing/test-store';\n",
    'lib/f.test.ts': "import { y } from '@/lib/y';\nconst s = \"import '@/lib/testing/test-store'\";\n",
    'scripts/g.test.mjs': "import '@/lib/testing/test-store';\n",
    'scripts/h.test.ts': "import '@/lib/testing/use-sqlite';\nimport '@/lib/testing/test-store';\n",
  };
  const read = (/** @type {string} */ file) => sources[/** @type {keyof typeof sources} */ (file)];
  assert.deepEqual(storeTestFiles(Object.keys(sources), read), ['lib/a.test.ts', 'lib/c.test.ts']);
});

test('a file that picks its own database (use-sqlite, use-postgresql) is left out of the PostgreSQL pass: it runs on that database in every pass', () => {
  const store = storeTestFiles(unitFiles());
  assert.ok(!store.includes('scripts/db-copy.test.ts'), 'the copy reads SQLite');
  assert.ok(!store.includes('lib/sync/queue.test.ts'), 'the queue is PostgreSQL in every pass');
});

test("in this project: the store, sync, route and sign-in tests, not the pure ones", () => {
  const files = unitFiles();
  const store = storeTestFiles(files);
  for (const file of ['lib/bulk-insert.test.ts', 'lib/sync/run-sync.test.ts', 'app/api/credentials/route.test.ts', 'app/api/auth/sign-in.test.ts']) {
    assert.ok(store.includes(file), file);
  }
  for (const file of ['lib/checks/root.test.ts', 'scripts/lib/test-files.test.mjs']) {
    assert.ok(files.includes(file) && !store.includes(file), file);
  }
});
