import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';

// Text conditions for raw SQL that read the same on SQLite and PostgreSQL.

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
