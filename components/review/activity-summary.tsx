import { formatDay, formatUtc } from '@/components/ui/format-utc';
import type { Activity } from '@/lib/review/schema';

// Recent CloudTrail activity of the item's user (or root), from the events Warden keeps. Server-safe.

export function ActivitySummary({ activity, who, isRoot, ofKey = false }: { activity: Activity; who: string; isRoot: boolean; ofKey?: boolean }) {
  const window = `${formatDay(activity.windowStart)} – ${formatDay(activity.windowEnd)}`;
  if (activity.total === 0) {
    return (
      <p className="text-xs text-slate-600">
        No CloudTrail events of {who} ({window}) among those Warden keeps: {isRoot ? 'root activity' : 'console sign-ins, root activity and cross-account role use'}.
        {isRoot ? '' : ' Key use shows in the report\'s last-used dates above.'}
      </p>
    );
  }
  return (
    <div className="text-xs text-slate-700">
      {ofKey ? <p className="text-slate-500">The key&apos;s user; the key&apos;s own use is its last-used date above.</p> : null}
      <p>
        <span className="font-medium">{activity.total} CloudTrail event{activity.total === 1 ? '' : 's'}</span> of {who} ({window}):{' '}
        {activity.byEvent.map((e) => `${e.eventName} ×${e.count}`).join(', ')}.
      </p>
      <ul className="mt-1 space-y-0.5 font-mono text-[11px] text-slate-600">
        {activity.latest.map((e) => (
          <li key={`${e.eventTime}-${e.eventName}`}>
            {formatUtc(e.eventTime)} {e.eventName} {e.region}
            {e.sourceIp ? ` from ${e.sourceIp}` : ''}
            {e.mfaUsed === true ? ', MFA' : e.mfaUsed === false ? ', no MFA' : ''}
            {e.errorCode ? `, failed: ${e.errorCode}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
