'use client';

import { useCallback } from 'react';
import { useDebouncedText } from '@/components/ui/use-debounced-text';
import { typeLabel } from '@/components/findings/labels';
import { OuSelect } from '@/components/shell/ou-select';
import type { FindingListQuery, FindingListResponse } from '@/lib/findings/schema';
import type { ScreenParam } from '@/lib/findings/hooks';

// The filter bar. Every filter is applied by the server; the resource box waits for a pause in typing.

const ages = [
  { value: '', label: 'Any age', min: undefined, max: undefined },
  { value: 'lt7', label: 'Newer than 7 days', min: undefined, max: 7 },
  { value: 'gt7', label: 'Older than 7 days', min: 7, max: undefined },
  { value: 'gt30', label: 'Older than 30 days', min: 30, max: undefined },
  { value: 'gt90', label: 'Older than 90 days', min: 90, max: undefined },
  { value: 'gt365', label: 'Older than a year', min: 365, max: undefined },
] as const;

function agePreset(q: FindingListQuery): string {
  const hit = ages.find((a) => a.min === q.minAgeDays && a.max === q.maxAgeDays);
  return hit ? hit.value : 'custom';
}

const selectClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

export function FindingFilters({
  query,
  facets,
  update,
}: {
  query: FindingListQuery;
  facets: FindingListResponse['facets'] | undefined;
  update: (changes: Partial<Record<ScreenParam, string | number | undefined>>) => void;
}) {
  const [resource, setResource] = useDebouncedText(query.resource, useCallback((v: string | undefined) => update({ resource: v }), [update]));

  const preset = agePreset(query);
  const filtered = Boolean(query.ou || query.analyzer || query.type || query.resourceType || query.resource || query.minAgeDays !== undefined || query.maxAgeDays !== undefined || query.status !== 'ACTIVE');

  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-end gap-3">
      <OuSelect value={query.ou} onChange={(ou) => update({ ou })} />
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Status
        <select className={selectClass} value={query.status} onChange={(e) => update({ status: e.target.value === 'ACTIVE' ? undefined : e.target.value })}>
          <option value="ACTIVE">Active (open)</option>
          <option value="ARCHIVED">Archived</option>
          <option value="RESOLVED">Resolved</option>
          <option value="all">All statuses</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Finding type
        <select className={selectClass} value={query.type ?? ''} onChange={(e) => update({ type: e.target.value || undefined })}>
          <option value="">All types</option>
          {(facets?.findingTypes ?? (query.type ? [query.type] : [])).map((t) => (
            <option key={t} value={t}>
              {typeLabel(t)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Analyzer
        <select className={`${selectClass} max-w-52`} value={query.analyzer ?? ''} onChange={(e) => update({ analyzer: e.target.value || undefined })}>
          <option value="">All analyzers</option>
          {(facets?.analyzers ?? []).map((a) => (
            <option key={a.arn} value={a.arn}>
              {a.name} ({a.region}, {a.accountId})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Resource type
        <select className={`${selectClass} max-w-48`} value={query.resourceType ?? ''} onChange={(e) => update({ resourceType: e.target.value || undefined })}>
          <option value="">All resource types</option>
          {(facets?.resourceTypes ?? (query.resourceType ? [query.resourceType] : [])).map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Resource contains
        <input
          type="search"
          className="w-52 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          placeholder="ARN or part of it"
          value={resource}
          maxLength={512}
          onChange={(e) => setResource(e.target.value)}
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Age (since created)
        <select
          className={selectClass}
          value={preset}
          onChange={(e) => {
            const a = ages.find((x) => x.value === e.target.value);
            if (a) update({ minAgeDays: a.min, maxAgeDays: a.max });
          }}
        >
          {ages.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
          {preset === 'custom' ? (
            <option value="custom">
              {query.minAgeDays !== undefined ? `≥ ${query.minAgeDays} days` : ''}
              {query.minAgeDays !== undefined && query.maxAgeDays !== undefined ? ', ' : ''}
              {query.maxAgeDays !== undefined ? `≤ ${query.maxAgeDays} days` : ''}
            </option>
          ) : null}
        </select>
      </label>
      {filtered ? (
        <button
          type="button"
          className="rounded-md px-2 py-1.5 text-sm font-medium text-sky-800 hover:bg-sky-50"
          onClick={() => {
            setResource('');
            update({ ou: undefined, analyzer: undefined, type: undefined, status: undefined, resourceType: undefined, resource: undefined, minAgeDays: undefined, maxAgeDays: undefined });
          }}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
