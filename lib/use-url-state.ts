'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { z } from 'zod';
import { queryString, readUrlState, writeUrlState, type UrlPatch, type UrlSchema, type UrlStateOptions } from '@/lib/url-state';

const noOptions = {};

/**
 * A screen's view kept in its URL (lib/url-state.ts): shareable, and the back button works.
 * `update` starts from the address bar as it is now and writes it with history.replaceState, which
 * Next keeps useSearchParams in step with: no server round trip, and two quick changes in a row
 * (or two views of one screen) cannot undo each other. Pass a schema and options defined outside
 * the component, so that they are the same on every render.
 */
export function useUrlState<S extends UrlSchema>(schema: S, options: UrlStateOptions<S> = noOptions) {
  const params = useSearchParams();
  const pathname = usePathname();
  const { value, invalid } = useMemo(() => readUrlState(schema, new URLSearchParams(params.toString()), options), [schema, params, options]);
  const update = useCallback(
    (patch: UrlPatch<S>) => {
      const next = writeUrlState(schema, new URLSearchParams(window.location.search), patch, options);
      window.history.replaceState(null, '', `${pathname}${queryString(next)}`);
    },
    [schema, pathname, options],
  );
  return { value: value as z.output<S>, invalid, update };
}
