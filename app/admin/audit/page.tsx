import type { Metadata } from 'next';
import { AdminTable } from '@/components/admin/admin-table';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { auditActions, listAuditLog } from '@/lib/audit/queries';
import { auditQuerySchema } from '@/lib/audit/schema';
import { requireRole } from '@/lib/auth/server';
import { utcSecond } from '@/lib/dates';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const families = [
  { prefix: '', label: 'Everything' },
  { prefix: 'auth.', label: 'Sign-in' },
  { prefix: 'user.', label: 'Users' },
  { prefix: 'token.', label: 'API tokens' },
  { prefix: 'finding.', label: 'Findings triage' },
  { prefix: 'review.', label: 'Reviews' },
  { prefix: 'sync.', label: 'Syncs' },
  { prefix: 'account.', label: 'Accounts' },
  { prefix: 'settings.', label: 'Settings' },
  { prefix: 'organization.', label: 'Organization discovery' },
];

type Change = { key: string; from: unknown; to: unknown };

const isChangeList = (v: unknown): v is Change[] =>
  Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'object' && c !== null && 'key' in c && typeof c.key === 'string' && 'from' in c && 'to' in c);

/** A settings change as "keyRotationDays 90 → 60; …"; any other value that is not text as JSON. */
function detailText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isChangeList(v)) return v.map((c) => `${c.key} ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`).join('; ');
  return JSON.stringify(v);
}

/** "key: value" lines; values that are not text are shown as JSON. All of it is text, never markup. */
function Details({ value }: { value: Record<string, unknown> }) {
  const entries = Object.entries(value);
  if (entries.length === 0) return null;
  return (
    <dl className="space-y-0.5">
      {entries.map(([key, v]) => (
        <div key={key} className="flex gap-1.5">
          <dt className="shrink-0 text-slate-500">{key}:</dt>
          <dd className="break-all text-slate-700">{detailText(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole('admin', '/admin/audit');
  const raw = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' && v.length > 0 ? v : undefined);
  const parsed = auditQuerySchema.safeParse({ page: one(raw.page), action: one(raw.action), actor: one(raw.actor) });
  const query = parsed.success ? parsed.data : { page: 1 };
  const [log, actions] = await Promise.all([listAuditLog(query), auditActions()]);
  const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
  const href = (page: number) => `/admin/audit?${new URLSearchParams({ ...(query.action ? { action: query.action } : {}), ...(query.actor ? { actor: query.actor } : {}), ...(page > 1 ? { page: String(page) } : {}) }).toString()}`;
  return (
    <>
      <PageHeader title="Audit log" description="Every state-changing action — sign-ins (and failed ones), user and token changes, findings triage, review decisions and sign-off, syncs, settings — with who, when and the details." />
      <form method="get" action="/admin/audit" className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the audit log">
        <label className="text-slate-700">
          <span className="block text-xs font-medium uppercase tracking-wide text-slate-500">Actions</span>
          <select name="action" defaultValue={query.action ?? ''} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5">
            {families.map((f) => (
              <option key={f.prefix} value={f.prefix}>
                {f.label}
              </option>
            ))}
            {actions
              .filter((a) => !families.some((f) => f.prefix === a))
              .map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
          </select>
        </label>
        <label className="text-slate-700">
          <span className="block text-xs font-medium uppercase tracking-wide text-slate-500">Actor</span>
          <input name="actor" defaultValue={query.actor ?? ''} placeholder="exact name" className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5" />
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
          Filter
        </button>
        <p className="ml-auto text-slate-600">
          {log.total.toLocaleString('en-US')} event{log.total === 1 ? '' : 's'} · page {Math.min(query.page, pages)} of {pages}
        </p>
      </form>
      {log.entries.length === 0 ? (
        <EmptyState title="No audit events match" />
      ) : (
        <AdminTable caption="Audit events, newest first" columns={['Time (UTC)', 'Actor', 'Action', 'Target', 'Details']} alignTop>
          {log.entries.map((e) => (
            <tr key={e.id}>
              <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-600">{utcSecond(e.at, true)}</td>
              <td className="px-4 py-2 font-medium">{e.actor}</td>
              <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{e.action}</td>
              <td className="max-w-xs break-all px-4 py-2 text-xs text-slate-700">{e.target ?? ''}</td>
              <td className="max-w-md px-4 py-2 text-xs">
                <Details value={e.details} />
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages of the audit log" className="mt-3 flex justify-between text-sm">
          {query.page > 1 ? (
            <Link className="font-medium text-sky-700 hover:underline" href={href(query.page - 1)}>
              ← Newer
            </Link>
          ) : (
            <span />
          )}
          {query.page < pages ? (
            <Link className="font-medium text-sky-700 hover:underline" href={href(query.page + 1)}>
              Older →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
