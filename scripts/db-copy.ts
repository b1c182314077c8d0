// `npm run db:copy -- --to postgresql://user:password@host:5432/warden`: copies the SQLite database
// DATABASE_URL names (default file:./data/warden.db) into an empty PostgreSQL database, after
// applying PostgreSQL's migrations to it, then compares every table's row count and the first and
// last row of each table read back through Prisma. Stop Warden first: the copy is of one moment.
//
// Exit 0: copied and verified; 1: refused or failed (the target holds no copied row); 2: copied,
// but a count or a spot check differs (the tables are named).
import { parseArgs } from 'node:util';
import { DatabaseCopyError, checkSource, checkTarget, copySqliteToPostgres, type CopyReport } from '@/scripts/lib/copy-database';
import { MigrationError } from '@/scripts/lib/migrations.mjs';
import { DEFAULT_DATABASE_URL, redactDatabaseUrl } from '@/scripts/lib/database-url.mjs';

const USAGE = `Usage: npm run db:copy -- --to postgresql://user:password@host:5432/database

Copies Warden's SQLite database (DATABASE_URL, default ${DEFAULT_DATABASE_URL}) into an empty
PostgreSQL database: applies PostgreSQL's migrations to it, copies every table in one transaction,
then compares row counts and spot-checks rows. Stop Warden before copying. Afterwards, start
Warden with DATABASE_URL set to the PostgreSQL URL.`;

const out = (line = '') => process.stdout.write(`${line}\n`);
const number = (n: number) => n.toLocaleString('en-US');

function printReport(report: CopyReport): number {
  out();
  out('Verification (row counts after the commit):');
  const width = Math.max(5, ...report.tables.map((t) => t.table.length));
  out(`  ${'Table'.padEnd(width)}  ${'SQLite'.padStart(10)}  ${'PostgreSQL'.padStart(10)}`);
  for (const t of report.tables) {
    out(`  ${t.table.padEnd(width)}  ${number(t.source).padStart(10)}  ${number(t.target).padStart(10)}${t.source === t.target ? '' : '  DIFFERS'}`);
  }
  const sum = (pick: (t: CopyReport['tables'][number]) => number) => report.tables.reduce((s, t) => s + pick(t), 0);
  out(`  ${'Total'.padEnd(width)}  ${number(sum((t) => t.source)).padStart(10)}  ${number(sum((t) => t.target)).padStart(10)}`);

  const countsDiffer = report.tables.filter((t) => t.source !== t.target).map((t) => t.table);
  const spotDiffer = report.spotChecks.filter((c) => c.differences.length > 0);
  const checked = report.spotChecks.reduce((s, c) => s + c.checked, 0);
  const skipped = report.spotChecks.filter((c) => c.skipped);
  out();
  out(`Spot check: ${checked} row(s), the first and last of each table by primary key, read through both Prisma clients: ${spotDiffer.length === 0 ? 'all equal' : 'DIFFERENCES'}`);
  for (const c of spotDiffer) for (const d of c.differences) out(`  ${c.table}: ${d}`);
  for (const c of skipped) out(`  ${c.table}: not spot-checked (${c.skipped ?? ''})`);
  out();
  if (countsDiffer.length > 0 || spotDiffer.length > 0) {
    const tables = [...new Set([...countsDiffer, ...spotDiffer.map((c) => c.table)])];
    process.stderr.write(`db:copy: the copy in ${report.target} does not match the SQLite database in ${tables.join(', ')}\n`);
    return 2;
  }
  out(`Copied ${number(sum((t) => t.source))} rows of ${report.tables.length} tables to ${report.target} in ${(report.copyMs / 1000).toFixed(1)} s; counts and spot checks agree.`);
  out(`Start Warden on it with DATABASE_URL set to that URL.`);
  return 0;
}

async function main(): Promise<number> {
  let values: { to?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { to: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    throw new DatabaseCopyError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const sourceUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const targetUrl = checkTarget(values.to);
  const file = checkSource(sourceUrl);
  out(`Copying the SQLite database ${file} into the PostgreSQL database ${redactDatabaseUrl(targetUrl)} …`);
  const report = await copySqliteToPostgres({ sourceUrl, targetUrl, log: out });
  return printReport(report);
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    // Refusals are written for people; anything else keeps its stack.
    const forPeople = error instanceof DatabaseCopyError || error instanceof MigrationError;
    process.stderr.write(`db:copy: ${forPeople ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
