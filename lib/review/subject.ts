// What an agenda item is about, as a stable id stored with the decision: "user:<name>",
// "key:<name>:<slot>" or "root". No dependencies, so the browser can use it too.

export type KeySlotNumber = 1 | 2;

export type SubjectKind = 'user' | 'key' | 'root';

export type Subject = { kind: 'user'; user: string } | { kind: 'key'; user: string; slot: KeySlotNumber } | { kind: 'root' };

export function subjectId(subject: Subject): string {
  if (subject.kind === 'root') return 'root';
  if (subject.kind === 'user') return `user:${subject.user}`;
  return `key:${subject.user}:${subject.slot}`;
}

/** Inverse of subjectId; null for anything else. User names never contain ':' in IAM. */
export function parseSubject(id: string): Subject | null {
  if (id === 'root') return { kind: 'root' };
  const user = /^user:([^:]+)$/.exec(id);
  if (user?.[1]) return { kind: 'user', user: user[1] };
  const key = /^key:([^:]+):([12])$/.exec(id);
  if (key?.[1] && key[2]) return { kind: 'key', user: key[1], slot: key[2] === '1' ? 1 : 2 };
  return null;
}

/** The order of the agenda: root first, then users by name, each user before its keys. */
export function compareSubjects(a: { subject: string }, b: { subject: string }): number {
  const rank = (id: string): [number, string, number] => {
    const s = parseSubject(id);
    if (s === null) return [2, id, 0];
    if (s.kind === 'root') return [0, '', 0];
    return [1, s.user, s.kind === 'user' ? 0 : s.slot];
  };
  const [ra, na, sa] = rank(a.subject);
  const [rb, nb, sb] = rank(b.subject);
  return ra - rb || na.localeCompare(nb) || sa - sb;
}
