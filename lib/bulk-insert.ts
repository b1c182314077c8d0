import 'server-only';
import { randomUUID } from 'node:crypto';
import { databaseProvider } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';

// Bulk inserts for the writers' large tables (and the checklist's verdicts, whose evidence of a
// 5,000-user account is 7 MB of JSON): multi-row INSERT statements, parameterised, through
// the transaction's driver adapter. Prisma's createMany compiles every row of a 500-row insert
// into its query plan; for the 20,000 findings or 5,000 users of a large account that is most of a
// sync's local time (measured by `npm run bench`: about 35× a raw better-sqlite3 insert, against
// about 3× here). Values go as bound parameters, never into the SQL text; table and column names
// come from the table specs below, checked against schema.prisma by bulk-insert.test.ts.
//
// Values are mapped as Prisma maps them: a Date and a boolean are passed through (the adapter
// writes them as Prisma does), a Json column's value is JSON text (Prisma.DbNull is SQL NULL,
// Prisma.JsonNull the JSON null), undefined is NULL.

type Inputs = {
  CredentialReportEntry: Prisma.CredentialReportEntryCreateManyInput;
  IamUser: Prisma.IamUserCreateManyInput;
  IamGroup: Prisma.IamGroupCreateManyInput;
  IamRole: Prisma.IamRoleCreateManyInput;
  IamPolicy: Prisma.IamPolicyCreateManyInput;
  Finding: Prisma.FindingCreateManyInput;
  TrailEvent: Prisma.TrailEventCreateManyInput;
  EventDailyCount: Prisma.EventDailyCountCreateManyInput;
  ChecklistVerdict: Prisma.ChecklistVerdictCreateManyInput;
};
export type BulkTable = keyof Inputs;

/** Per table: its Json columns, and whether its `id` is a UUID Prisma would generate. */
export const bulkTables: { [T in BulkTable]: { json: readonly (keyof Inputs[T] & string)[]; uuidId: boolean } } = {
  CredentialReportEntry: { json: [], uuidId: true },
  IamUser: { json: ['groups', 'attachedPolicyArns', 'inlinePolicies', 'tags'], uuidId: true },
  IamGroup: { json: ['attachedPolicyArns', 'inlinePolicies'], uuidId: true },
  IamRole: { json: ['attachedPolicyArns', 'inlinePolicies', 'tags'], uuidId: true },
  IamPolicy: { json: [], uuidId: true },
  Finding: { json: ['details'], uuidId: false },
  TrailEvent: { json: [], uuidId: false },
  EventDailyCount: { json: [], uuidId: true },
  ChecklistVerdict: { json: ['evidence', 'remedy', 'references', 'thresholds', 'missingPermissions'], uuidId: true },
};

type OnConflict<T extends BulkTable> =
  /** A row whose key is already stored is left as it is. */
  | { columns: readonly (keyof Inputs[T] & string)[]; action: 'ignore' }
  /** A row whose key is already stored adds these numeric columns to the stored ones. */
  | { columns: readonly (keyof Inputs[T] & string)[]; action: 'add'; add: readonly (keyof Inputs[T] & string)[] };

// Parameters per statement: a statement carries as many whole rows as fit. Each statement costs
// about a millisecond in Prisma whatever its size, so wide rows (the credential report's 39
// columns) want many per statement; SQLite as built into better-sqlite3 takes 32,766 and
// PostgreSQL 65,535.
export const maxParameters = 8000;

const quote = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`insertRows: "${name}" is not a column name`);
  return `"${name}"`;
};

function toParameter(value: unknown, json: boolean): unknown {
  if (value === undefined || value === null || value === Prisma.DbNull) return null;
  if (json) return value === Prisma.JsonNull ? 'null' : JSON.stringify(value);
  return value;
}

/**
 * Inserts the rows in multi-row statements inside the caller's transaction; returns how many rows
 * the database took (fewer than given when `onConflict` ignores some). Rows may leave optional
 * columns out: every row is written with the union of the columns given (NULL where absent).
 */
export async function insertRows<T extends BulkTable>(tx: Prisma.TransactionClient, table: T, rows: readonly Inputs[T][], onConflict?: OnConflict<T>): Promise<number> {
  if (rows.length === 0) return 0;
  const spec = bulkTables[table];
  const json = new Set<string>(spec.json);
  const columnSet = new Set<string>(spec.uuidId ? ['id'] : []);
  for (const row of rows) for (const [k, v] of Object.entries(row)) if (v !== undefined) columnSet.add(k);
  const columns = [...columnSet];
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `;
  const tail = !onConflict
    ? ''
    : ` ON CONFLICT (${onConflict.columns.map(quote).join(', ')}) DO ${
        onConflict.action === 'ignore' ? 'NOTHING' : `UPDATE SET ${onConflict.add.map((c) => `${quote(c)} = ${quote(table)}.${quote(c)} + excluded.${quote(c)}`).join(', ')}`
      }`;
  // SQLite numbers `?` placeholders itself; PostgreSQL wants them numbered, $1, $2, …
  const numbered = databaseProvider() === 'postgresql';
  const tuples = (count: number) =>
    Array.from({ length: count }, (_, r) => `(${columns.map((_c, c) => (numbered ? `$${r * columns.length + c + 1}` : '?')).join(', ')})`).join(', ');
  const perStatement = Math.max(1, Math.floor(maxParameters / columns.length));
  let written = 0;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const args: unknown[] = [];
    for (const row of chunk) {
      const r = row as Record<string, unknown>;
      for (const c of columns) args.push(c === 'id' && spec.uuidId && r.id === undefined ? randomUUID() : toParameter(r[c], json.has(c)));
    }
    written += await tx.$executeRawUnsafe(head + tuples(chunk.length) + tail, ...args);
  }
  return written;
}
