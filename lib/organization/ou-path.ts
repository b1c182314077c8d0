import { z } from 'zod';

// OU paths as discovery stores them ("Root/Workloads/Production"): the filter every screen shares
// (an OU includes its sub-OUs) and the tree of OUs with their account counts. Pure.

/** ?ou= on the screens' routes: an OU path from the root, as the OU select offers them. */
export const ouPathSchema = z
  .string()
  .trim()
  .min(1, 'ou must be an OU path such as Root/Workloads')
  .max(2048, 'ou must be at most 2048 characters')
  .refine((s) => !s.endsWith('/') && !s.includes('//'), 'ou must be an OU path such as Root/Workloads (no empty names)');

/**
 * Whether an account at `accountPath` is in the OU `ou` or one of its sub-OUs. Exact string
 * comparison: OU names may hold % and _, which a SQL LIKE would read as wildcards.
 */
export function isInOu(accountPath: string | null, ou: string): boolean {
  if (accountPath === null) return false;
  return accountPath === ou || accountPath.startsWith(`${ou}/`);
}

/** "Root/Workloads/Production" → ["Root", "Root/Workloads", "Root/Workloads/Production"]. */
export function ouAncestry(path: string): string[] {
  const names = path.split('/');
  return names.map((_, i) => names.slice(0, i + 1).join('/'));
}

/** The last name of a path, as a tree shows it. */
export function ouName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export const ouCountSchema = z.object({
  path: z.string(),
  /** 0 for the root, 1 for its OUs… */
  depth: z.number().int(),
  /** Accounts in this OU and every OU below it. */
  accounts: z.number().int(),
  /** Accounts directly in this OU. */
  direct: z.number().int(),
});
export type OuCount = z.infer<typeof ouCountSchema>;

/**
 * Every OU that holds an account, directly or below, with its counts, in tree order (a parent
 * before its children, siblings by name). An OU without any account is not listed: discovery
 * only records where accounts are.
 */
export function countOus(paths: readonly (string | null)[]): OuCount[] {
  return countOusOf(paths.map((path) => ({ path, accounts: 1 })));
}

/** The same from the accounts counted per OU path (one row per OU, as the database groups them). */
export function countOusOf(groups: readonly { path: string | null; accounts: number }[]): OuCount[] {
  const counts = new Map<string, { accounts: number; direct: number }>();
  for (const { path, accounts } of groups) {
    if (path === null) continue;
    for (const ancestor of ouAncestry(path)) {
      const c = counts.get(ancestor) ?? { accounts: 0, direct: 0 };
      c.accounts += accounts;
      if (ancestor === path) c.direct += accounts;
      counts.set(ancestor, c);
    }
  }
  return [...counts]
    .sort(([a], [b]) => compareOuPaths(a, b))
    .map(([path, c]) => ({ path, depth: path.split('/').length - 1, ...c }));
}

/** Tree order: compared name by name, so "Root/A/B" comes right after "Root/A" and before "Root/A-2". */
export function compareOuPaths(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = (x[i] ?? '').localeCompare(y[i] ?? '');
    if (c !== 0) return c;
  }
  return x.length - y.length;
}
