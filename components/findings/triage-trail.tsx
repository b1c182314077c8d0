import { StatusBadge, actionLabels } from '@/components/findings/labels';
import { formatUtc } from '@/components/ui/format-utc';
import type { TriageEntry } from '@/lib/findings/schema';

// One finding's triage history, newest first: who changed what, when and why.

export function TriageTrail({ entries }: { entries: TriageEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-500">No triage yet: this finding has not been archived or re-activated from Warden.</p>;
  return (
    <ol className="space-y-2" aria-label="Triage history">
      {entries.map((t) => (
        <li key={t.id} className="rounded-md border border-slate-200 p-2 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{actionLabels[t.action] ?? t.action}</span>
            <span className="text-slate-500">by</span>
            <span className="font-medium">{t.actor}</span>
            <span className="text-slate-500">{formatUtc(t.at)}</span>
            <span className="ml-auto flex items-center gap-1 text-xs">
              <StatusBadge status={t.fromStatus} /> <span aria-hidden>→</span>
              <span className="sr-only">to</span> <StatusBadge status={t.toStatus} />
            </span>
          </div>
          <p className="mt-1 whitespace-pre-wrap break-words text-slate-800">
            <span className="text-slate-500">Reason: </span>
            {t.reason}
          </p>
          {t.expiresAt ? <p className="mt-0.5 text-xs text-slate-600">Archive expires {formatUtc(t.expiresAt)}</p> : null}
        </li>
      ))}
    </ol>
  );
}
