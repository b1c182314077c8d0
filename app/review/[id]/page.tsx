import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ReviewWorkspace } from '@/components/review/review-workspace';

export const metadata: Metadata = { title: 'Review' };

export default async function ReviewDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The workspace reads ?ou= from the URL.
  return (
    <Suspense>
      <ReviewWorkspace id={id} />
    </Suspense>
  );
}
