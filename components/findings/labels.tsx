import { Badge, type Tone } from '@/components/ui/badge';

// How finding types and statuses read on screen. AWS's own names stay visible on hover.

export const findingTypeLabels: Record<string, string> = {
  ExternalAccess: 'External access',
  InternalAccess: 'Internal access',
  UnusedIAMRole: 'Unused role',
  UnusedIAMUserAccessKey: 'Unused access key',
  UnusedIAMUserPassword: 'Unused password',
  UnusedPermission: 'Unused permissions',
};

export const typeLabel = (t: string) => findingTypeLabels[t] ?? t;

const statusTone: Record<string, Tone> = { ACTIVE: 'amber', ARCHIVED: 'slate', RESOLVED: 'green' };
const statusText: Record<string, string> = { ACTIVE: 'Active', ARCHIVED: 'Archived', RESOLVED: 'Resolved' };

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={statusTone[status] ?? 'slate'} title={`AWS status ${status}`}>
      {statusText[status] ?? status}
    </Badge>
  );
}

export const actionLabels: Record<string, string> = { archive: 'Archived', unarchive: 'Re-activated', expire: 'Archive expired' };
