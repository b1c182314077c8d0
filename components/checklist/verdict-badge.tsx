import { Badge, type Tone } from '@/components/ui/badge';
import type { EvidenceStatus, Severity, Verdict } from '@/lib/checklist/schema';

const verdicts: Record<Verdict, { tone: Tone; label: string }> = {
  pass: { tone: 'green', label: 'Pass' },
  fail: { tone: 'red', label: 'Fail' },
  unknown: { tone: 'amber', label: 'Unknown' },
  not_applicable: { tone: 'slate', label: 'N/A' },
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const v = verdicts[verdict];
  return <Badge tone={v.tone}>{v.label}</Badge>;
}

const severities: Record<Severity, Tone> = { critical: 'red', high: 'red', medium: 'amber', low: 'sky', info: 'slate' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={severities[severity]}>{severity}</Badge>;
}

const evidence: Record<EvidenceStatus, Tone> = { pass: 'green', fail: 'red', noted: 'violet', unknown: 'amber', excluded: 'slate' };

export function EvidenceBadge({ status }: { status: EvidenceStatus }) {
  return <Badge tone={evidence[status]}>{status}</Badge>;
}
