// The layers of Warden, checked by `npm run lint` (and so by `npm test`): no import cycles; lib/aws
// (the one AWS client factory and the readers) imports nothing above it; lib/checks (the rules)
// stays pure; each sync source is a reader (lib/sync/read, no database), a pure diff (lib/sync/diff)
// and a writer (lib/sync/store, no AWS call); components never import server modules; lib/sync
// never imports the sandbox.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle ties modules together: one type import turned into a value import becomes a start-up crash.',
      from: { path: '^(lib|app|components)/' },
      to: { circular: true },
    },
    {
      name: 'aws-is-the-bottom-layer',
      severity: 'error',
      comment: 'lib/aws turns SDK calls into plain records; it knows nothing of the database, the sync, the environment or the sandbox.',
      from: { path: '^lib/aws/' },
      to: { path: '^lib/', pathNot: ['^lib/aws/', '^lib/cloudtrail/(event-selectors|parse-event)\\.ts$', '^lib/generated/', '^lib/clock\\.ts$'] },
    },
    {
      name: 'checks-stay-pure',
      severity: 'error',
      comment: 'Rules read a plain snapshot and return a verdict: no database, AWS, environment or server-only module.',
      from: { path: '^lib/checks/' },
      to: { path: '^lib/', pathNot: ['^lib/checks/', '^lib/aws/records\\.ts$', '^lib/checklist/schema\\.ts$', '^lib/credential-report/parse\\.ts$', '^lib/cloudtrail/event-selectors\\.ts$', '^lib/dates\\.ts$'] },
    },
    {
      name: 'sync-diffs-stay-pure',
      severity: 'error',
      comment: 'A diff decides what a read changes from plain records: unit-tested without a database or AWS.',
      from: { path: '^lib/sync/diff/' },
      to: { path: ['^lib/(db|env)\\.ts$', '^lib/sync/(read|store|collectors)/', '^lib/aws/(?!records\\.ts$)', 'server-only'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'sync-readers-only-read',
      severity: 'error',
      comment: 'A reader turns SDK calls into plain records; what is stored comes in as an argument.',
      from: { path: '^lib/sync/read/' },
      to: { path: ['^lib/db\\.ts$', '^lib/sync/(store|collectors)/'] },
    },
    {
      name: 'sync-stores-make-no-aws-calls',
      severity: 'error',
      comment: 'A writer stores what was read and decided; it calls no AWS API.',
      from: { path: '^lib/sync/store/' },
      to: { path: ['^lib/aws/(?!records\\.ts$)', '^lib/sync/(read|collectors)/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'components-use-no-server-modules',
      severity: 'error',
      comment: 'Client components get data through route handlers and hooks, never from server modules.',
      from: { path: '^components/' },
      to: { path: ['^lib/(db|env)\\.ts$', '^lib/aws/', '^lib/sync/(?!schema\\.ts$|hooks\\.ts$)', '^lib/sandbox/', '^lib/demo/', '^lib/[^/]+/queries\\.ts$', 'server-only'] },
    },
    {
      name: 'sync-never-imports-the-sandbox',
      severity: 'error',
      comment: 'The demo plan is registered at start-up; the sync reads whatever endpoint the plan names.',
      from: { path: '^lib/(sync|aws|findings|accounts|checklist)/' },
      to: { path: '^lib/(sandbox|demo)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)node_modules/', '^lib/generated/', '\\.test\\.(ts|mjs)$', '^lib/testing/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
