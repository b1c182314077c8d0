import 'server-only';
import { databaseProvider } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';

// Text conditions that match the same rows on SQLite and PostgreSQL: for raw SQL, and for Prisma's
// filters on text a person typed.

/** Escapes LIKE's wildcards (% and _) and its escape character, so that the text is matched as it is. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column` contains `text`, case-insensitively, % and _ being plain characters. Both sides are
 * lowered by the database itself, so that they agree on what lower case is.
 */
export function containsText(column: Prisma.Sql, text: string): Prisma.Sql {
  return Prisma.sql`lower(${column}) LIKE lower(${`%${escapeLike(text)}%`}) ESCAPE '\\'`;
}

/**
 * Prisma sends `contains`, `startsWith` and `endsWith` to both databases as LIKE with the text in
 * the pattern as it is (it escapes nothing), and the two LIKEs differ:
 * - SQLite's ignores the case of ASCII letters, PostgreSQL's does not: there the filter asks for
 *   ILIKE (`mode: 'insensitive'`, which the SQLite client's types do not know, hence the cast);
 * - PostgreSQL's takes \ as its escape character, SQLite's has none: there \ is doubled, so it is
 *   a plain character on both;
 * - % and _ stay wildcards on both (SQLite's LIKE has no escape character to make them plain):
 *   a caller that must take them literally checks what matched (lib/credentials/queries.ts);
 * - letters beyond ASCII are compared as they are by SQLite, and by PostgreSQL in either case as
 *   far as the database's locale knows their cases: the one difference left, as Prisma's filters
 *   can ask neither database for the other's rule. What people search with them here (IAM user
 *   names, ARNs, OU paths, action names) is ASCII.
 */
function likeFilter<Op extends 'contains' | 'startsWith'>(op: Op, text: string): Record<Op, string> {
  if (databaseProvider() !== 'postgresql') return { [op]: text } as Record<Op, string>;
  return { [op]: text.replaceAll('\\', '\\\\'), mode: 'insensitive' } as unknown as Record<Op, string>;
}

/** Prisma's filter for a column that holds `text` anywhere, ASCII letters in either case, on both databases. */
export function containsFilter(text: string): { contains: string } {
  return likeFilter('contains', text);
}

/** Prisma's filter for a column that starts with `text`, ASCII letters in either case, on both databases. */
export function startsWithFilter(text: string): { startsWith: string } {
  return likeFilter('startsWith', text);
}
