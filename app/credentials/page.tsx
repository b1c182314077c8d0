import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CredentialsView } from '@/components/credentials/credentials-view';
import { PageHeader } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Credentials' };

export default function CredentialsPage() {
  return (
    <>
      <PageHeader title="Credentials" description="The credential report: console access, MFA, access-key ages and last use, for the monthly review." />
      <Suspense>
        <CredentialsView />
      </Suspense>
    </>
  );
}
