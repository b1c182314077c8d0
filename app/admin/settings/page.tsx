import type { Metadata } from 'next';
import { SettingsForm } from '@/components/admin/settings-form';
import { PageHeader } from '@/components/ui/page-header';
import { requireRole } from '@/lib/auth/server';
import { getSettingsView } from '@/lib/settings/queries';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requireRole('admin', '/admin/settings');
  const view = await getSettingsView();
  return (
    <>
      <PageHeader
        title="Settings"
        description="The checklist's thresholds and the sync schedule. An environment variable wins over a value set here, and a value set here wins over the seed default; every verdict shows where its threshold came from. Saving re-evaluates every account's checklist at once and is recorded in the audit log."
      />
      <SettingsForm initial={view} />
    </>
  );
}
