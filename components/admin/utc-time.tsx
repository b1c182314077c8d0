import { utcMinute } from '@/lib/dates';

/** A time as UTC text ("2026-11-28 23:55 UTC"), the same on the server and in the browser. */
export function UtcTime({ value, fallback = 'never' }: { value: Date | null; fallback?: string }) {
  if (!value) return <span className="text-slate-500">{fallback}</span>;
  const iso = value.toISOString();
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap tabular-nums">
      {utcMinute(value)}
    </time>
  );
}
