'use client';

// A date as "3 days ago" with the exact UTC time on hover; rendered on the client only so the
// server's and the browser's clocks cannot disagree during hydration.
import { useSyncExternalStore } from 'react';
import { formatAge, isoDate } from '@/lib/dates';

// A shared clock that ticks every 30 s; its value only changes on a tick, so React sees a stable
// snapshot between ticks, and the server renders the absolute date.
const tick = 30_000;
const subscribeClock = (onChange: () => void) => {
  const t = setInterval(onChange, tick);
  return () => clearInterval(t);
};
const clockNow = () => Math.floor(Date.now() / tick) * tick;

/** The current time to 30 s, or null while rendering on the server (and hydrating). */
export function useNow(): number | null {
  return useSyncExternalStore(subscribeClock, clockNow, () => null);
}

export function RelativeTime({ value, fallback = 'never', compact = false }: { value: string | Date | null | undefined; fallback?: string; compact?: boolean }) {
  const now = useNow();
  if (!value) return <span className="text-slate-500">{fallback}</span>;
  const d = typeof value === 'string' ? new Date(value) : value;
  const iso = d.toISOString().replace('.000Z', 'Z');
  return (
    <time dateTime={iso} title={iso}>
      {now === null ? isoDate(iso) : formatAge(now - d.getTime(), compact)}
    </time>
  );
}
