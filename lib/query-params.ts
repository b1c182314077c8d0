import { z } from 'zod';

// Query-string parameters the list routes share, one definition each (server and browser).

/** A whole number from the query string, within bounds; the errors name the parameter. */
export const wholeNumberParam = (field: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .min(min, `${field} must be at least ${min}`)
    .max(max, `${field} must be at most ${max}`);

/** ?q=: a search text, trimmed; empty means no search. */
export const searchTextParam = z
  .string()
  .max(128, 'q must be at most 128 characters')
  .optional()
  .transform((s) => (s && s.trim().length > 0 ? s.trim() : undefined));
