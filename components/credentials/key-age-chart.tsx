'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { KeyAgeBucket } from '@/lib/credentials/schema';

// Loaded with next/dynamic (ssr: false) by KeyAgePanel: Recharts measures the DOM.

const colors: Record<KeyAgeBucket['bucket'], string> = {
  'under-30': '#34d399',
  '30-90': '#a3e635',
  '91-180': '#fbbf24',
  '181-365': '#f97316',
  'over-365': '#dc2626',
};

export default function KeyAgeChart({ buckets }: { buckets: KeyAgeBucket[] }) {
  return (
    <ResponsiveContainer width="100%" height={180}>
      <BarChart data={buckets} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
        <YAxis type="category" dataKey="label" width={78} tick={{ fontSize: 11 }} interval={0} />
        <Tooltip formatter={(value) => [String(value), 'Active keys']} />
        <Bar dataKey="count" name="Active keys" isAnimationActive={false}>
          {buckets.map((b) => (
            <Cell key={b.bucket} fill={colors[b.bucket]} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
