'use client';

// A date as "3 days ago" with the exact UTC time on hover; rendered on the client only so the
// server's and the browser's clocks cannot disagree during hydration.
import { useEffect, useState } from 'react';

export function formatAge(ms: number): string {
  const s = Math.round(ms / 1000);
  const abs = Math.abs(s);
  const [n, unit] = abs < 60 ? [abs, 'second'] : abs < 3600 ? [Math.round(abs / 60), 'minute'] : abs < 86400 ? [Math.round(abs / 3600), 'hour'] : [Math.round(abs / 86400), 'day'];
  const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return s >= 0 ? `${text} ago` : `in ${text}`;
}

export function RelativeTime({ value, fallback = 'never' }: { value: string | Date | null | undefined; fallback?: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  if (!value) return <span className="text-slate-500">{fallback}</span>;
  const d = typeof value === 'string' ? new Date(value) : value;
  const iso = d.toISOString().replace('.000Z', 'Z');
  return (
    <time dateTime={iso} title={iso}>
      {now === null ? iso.slice(0, 10) : formatAge(now - d.getTime())}
    </time>
  );
}
