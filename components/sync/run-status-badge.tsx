import { Badge, type Tone } from '@/components/ui/badge';

const tones: Record<string, Tone> = {
  ok: 'green',
  partial: 'amber',
  failed: 'red',
  running: 'sky',
  pending: 'slate',
  skipped: 'slate',
};

export function RunStatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status] ?? 'slate'}>{status}</Badge>;
}
