'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyResponse } from '@/lib/activity/schema';

// Loaded with next/dynamic (ssr: false) by KeyEventsPanel: Recharts measures the DOM.

export const eventColors: Record<string, string> = {
  CreateUser: '#7c3aed',
  CreateAccessKey: '#dc2626',
  AttachUserPolicy: '#ea580c',
  CreateRole: '#0891b2',
  UpdateAssumeRolePolicy: '#ca8a04',
  ConsoleLogin: '#2563eb',
  AssumeRole: '#94a3b8',
};

export default function KeyEventsChart({ data }: { data: DailyResponse }) {
  const rows = data.days.map((d) => ({ day: d.day, ...d.counts }));
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={rows} margin={{ top: 5, right: 10, bottom: 0, left: -15 }} barCategoryGap={1}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="day" tick={{ fontSize: 11 }} tickFormatter={(d: string) => d.slice(5)} minTickGap={24} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
        <Tooltip labelFormatter={(d) => `${String(d)} (UTC)`} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {data.eventNames.map((name) => (
          <Bar key={name} dataKey={name} stackId="events" fill={eventColors[name] ?? '#64748b'} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
