import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ActivityView } from '@/components/activity/activity-view';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Activity' };

export default function ActivityPage() {
  return (
    <>
      <PageHeader title="Activity" description="CloudTrail coverage, the key IAM events per day, and every root-user action." />
      <Suspense>
        <ActivityView />
      </Suspense>
    </>
  );
}
