import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/ui/page-header';
import { ReviewHistory } from '@/components/review/review-history';

export const metadata: Metadata = { title: 'Review' };

export default function ReviewPage() {
  return (
    <>
      <PageHeader
        title="Review"
        description="The monthly credential-report review: start from a frozen report, see what changed since the last signed review, decide on every flagged user and key, sign off."
      />
      {/* The history reads ?ou= from the URL. */}
      <Suspense>
        <ReviewHistory />
      </Suspense>
    </>
  );
}
