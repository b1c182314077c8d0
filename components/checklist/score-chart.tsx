'use client';

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ScoreHistory } from '@/lib/checklist/hooks';
import { utcMinute } from '@/lib/dates';

export default function ScoreChart({ points }: { points: ScoreHistory['points'] }) {
  return (
    <ResponsiveContainer width="100%" height={180}>
      <AreaChart data={points.map((p) => ({ ...p, at: utcMinute(new Date(p.evaluatedAt), true) }))} margin={{ top: 5, right: 10, bottom: 0, left: -20 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="at" tick={{ fontSize: 11 }} minTickGap={30} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Area type="stepAfter" dataKey="passed" name="Pass" stackId="1" stroke="#059669" fill="#a7f3d0" isAnimationActive={false} />
        <Area type="stepAfter" dataKey="failed" name="Fail" stackId="1" stroke="#dc2626" fill="#fecaca" isAnimationActive={false} />
        <Area type="stepAfter" dataKey="unknown" name="Unknown" stackId="1" stroke="#d97706" fill="#fde68a" isAnimationActive={false} />
      </AreaChart>
    </ResponsiveContainer>
  );
}
