import { Badge, type Tone } from '@/components/ui/badge';
import type { AccountCheck } from '@/lib/accounts/schema';

const tone: Record<AccountCheck['steps'][number]['status'], Tone> = { ok: 'green', denied: 'red', failed: 'red', 'not-run': 'slate' };
const word: Record<AccountCheck['steps'][number]['status'], string> = { ok: 'ok', denied: 'denied', failed: 'failed', 'not-run': 'not tried' };

/** The outcome of "Check access": one line per step, with the IAM action it needs. */
export function AccountCheckResult({ check }: { check: AccountCheck }) {
  return (
    <div role="status" aria-label="Access check" className="space-y-2 text-sm">
      <p className={check.ok ? 'font-medium text-emerald-800' : 'font-medium text-red-800'}>
        {check.ok
          ? `Reached account ${check.reachedAccountId ?? ''}: every source can be read.`
          : check.reachedAccountId
            ? `Reached account ${check.reachedAccountId}, but not everything can be read: grant the actions marked denied.`
            : 'The account could not be reached.'}
      </p>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {check.steps.map((s) => (
          <li key={`${s.label}-${s.action}`} className="grid gap-1 px-3 py-1.5 sm:grid-cols-[9rem_5.5rem_1fr] sm:items-baseline">
            <span className="font-medium text-slate-800">{s.label}</span>
            <span>
              <Badge tone={tone[s.status]}>{word[s.status]}</Badge>
            </span>
            <span className="min-w-0 break-words text-slate-600">
              <code className="mr-1 rounded bg-slate-100 px-1 text-xs">{s.action}</code>
              {s.detail}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
