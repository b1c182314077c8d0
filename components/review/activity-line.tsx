import type { Activity } from '@/lib/review/schema';
import { isoDate } from '@/lib/dates';

/** Recent CloudTrail activity in one short line, for the minutes. */
export function ActivityLine({ activity }: { activity: Activity }) {
  if (activity.total === 0) return <div className="mt-1 text-slate-500">CloudTrail: no events kept for this user in the 90 days.</div>;
  const latest = activity.latest[0];
  return (
    <div className="mt-1 text-slate-600">
      CloudTrail, 90 days: {activity.byEvent.map((e) => `${e.eventName} ×${e.count}`).join(', ')}
      {latest ? `; latest ${isoDate(latest.eventTime)}` : ''}.
    </div>
  );
}
