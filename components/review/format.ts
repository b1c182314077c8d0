// Due dates of review decisions (YYYY-MM-DD, UTC).

/** Whether a YYYY-MM-DD due date lies before the given moment. */
export function isOverdue(dueDate: string | null, at: string): boolean {
  return dueDate !== null && `${dueDate}T23:59:59Z` < new Date(at).toISOString();
}
