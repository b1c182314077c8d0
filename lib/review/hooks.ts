'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { fetchJson } from '@/lib/fetch-json';
import { checklistKeys } from '@/lib/checklist/hooks';
import {
  reviewDetailSchema,
  reviewListSchema,
  reviewStartedSchema,
  type AttendeesInput,
  type DecideInput,
  type SignOffInput,
  type StartReviewInput,
} from '@/lib/review/schema';

export const reviewKeys = {
  all: ['reviews'] as const,
  list: ['reviews', 'list'] as const,
  listIn: (ou: string | undefined) => ['reviews', 'list', ou ?? 'all'] as const,
  detail: (id: string) => ['reviews', 'detail', id] as const,
  detailIn: (id: string, ou: string | undefined) => ['reviews', 'detail', id, ou ?? 'all'] as const,
};

const okSchema = z.object({ ok: z.literal(true) });
const attendeesResponseSchema = z.object({ attendees: z.array(z.string()) });

/** Every review, or those covering an account in the OU `ou` or below it. */
export function useReviews(ou?: string) {
  return useQuery({ queryKey: reviewKeys.listIn(ou), queryFn: () => fetchJson(`/api/reviews${ou ? `?ou=${encodeURIComponent(ou)}` : ''}`, reviewListSchema) });
}

/** One review; with an OU, only its accounts in that OU and below. */
export function useReview(id: string, ou?: string) {
  return useQuery({
    queryKey: reviewKeys.detailIn(id, ou),
    queryFn: () => fetchJson(`/api/reviews/${encodeURIComponent(id)}${ou ? `?ou=${encodeURIComponent(ou)}` : ''}`, reviewDetailSchema),
    placeholderData: keepPreviousData,
  });
}

export function useStartReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: StartReviewInput) => fetchJson('/api/reviews', reviewStartedSchema, { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: () => client.invalidateQueries({ queryKey: reviewKeys.list }),
  });
}

export function useDecide(reviewId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: DecideInput) => fetchJson(`/api/reviews/${encodeURIComponent(reviewId)}/decisions`, okSchema, { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: () => client.invalidateQueries({ queryKey: reviewKeys.detail(reviewId) }),
  });
}

export function useSetAttendees(reviewId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AttendeesInput) =>
      fetchJson(`/api/reviews/${encodeURIComponent(reviewId)}/attendees`, attendeesResponseSchema, { method: 'PUT', body: JSON.stringify(input) }),
    onSuccess: () => client.invalidateQueries({ queryKey: reviewKeys.detail(reviewId) }),
  });
}

export function useSignOff(reviewId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SignOffInput) => fetchJson(`/api/reviews/${encodeURIComponent(reviewId)}/sign-off`, okSchema, { method: 'POST', body: JSON.stringify(input) }),
    // The sign-off changes the review, the history and checklist item 14.
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: reviewKeys.all }), client.invalidateQueries({ queryKey: checklistKeys.all })]),
  });
}
