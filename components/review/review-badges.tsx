import { Badge } from '@/components/ui/badge';
import { decisionLabel, reasonLabel } from '@/lib/review/labels';
import type { AgendaReason, DecisionKind, OutcomeStatus, ReviewStatus } from '@/lib/review/schema';

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  return status === 'signed' ? <Badge tone="green">Signed off</Badge> : <Badge tone="amber">Draft</Badge>;
}

const reasonTones: Record<AgendaReason, 'red' | 'amber' | 'violet' | 'slate'> = {
  'no-mfa': 'red',
  'unused-password': 'amber',
  'programmatic-only': 'violet',
  'stale-key': 'amber',
  'old-key': 'amber',
  'root-key': 'red',
  'root-no-mfa': 'red',
  'carried-over': 'slate',
};

export function ReasonBadge({ reason, thresholds }: { reason: AgendaReason; thresholds: { unusedCredentialDays: number; keyRotationDays: number } }) {
  return <Badge tone={reasonTones[reason]}>{reasonLabel(reason, thresholds)}</Badge>;
}

export function DecisionBadge({ decision }: { decision: DecisionKind | null }) {
  if (decision === null) return <Badge tone="amber">Undecided</Badge>;
  return <Badge tone="sky">{decisionLabel(decision)}</Badge>;
}

export function OutcomeBadge({ status }: { status: OutcomeStatus }) {
  return status === 'done' ? <Badge tone="green">Done</Badge> : <Badge tone="red">Still open</Badge>;
}
