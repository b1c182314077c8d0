import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { PrintButton } from '@/components/review/print-button';
import { ReviewMinutes } from '@/components/review/review-minutes';
import { requireRole } from '@/lib/auth/server';
import { resolveMode } from '@/lib/env';
import { HttpError } from '@/lib/http';
import { getReview } from '@/lib/review/queries';
import './print.css';

export const metadata: Metadata = { title: 'Review minutes' };

export default async function ReviewPrintPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  await requireRole('viewer', `/review/${encodeURIComponent(id)}/print`);
  const detail = await getReview(id).catch((error: unknown) => {
    if (error instanceof HttpError && error.status === 404) notFound();
    throw error;
  });
  return (
    <>
      <div className="no-print mb-4 flex items-center gap-3">
        <PrintButton />
        <Link href={`/review/${id}`} className="text-sm text-sky-700 hover:underline">
          Back to the review
        </Link>
        <span className="text-sm text-slate-500">The navigation and buttons are left out of the printout.</span>
      </div>
      <ReviewMinutes detail={detail} demo={resolveMode() === 'demo'} />
    </>
  );
}
