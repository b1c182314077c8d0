'use client';

import { useId, type ReactNode } from 'react';
import { StatusBadge, typeLabel } from '@/components/findings/labels';
import { formatUtc } from '@/components/ui/format-utc';
import { TriageTrail } from '@/components/findings/triage-trail';
import { Badge } from '@/components/ui/badge';
import { RelativeTime, useNow } from '@/components/ui/relative-time';
import { useModalDialog } from '@/components/ui/dialog';
import { useFinding } from '@/lib/findings/hooks';
import type { FindingDetail as Detail, FindingDetailResponse } from '@/lib/findings/schema';
import { useCan } from '@/components/auth/viewer-role';

// One finding in a side panel: the resource, who has which access under which conditions (or what
// is unused since when), AWS's times, and Warden's audit trail of it. Everything from AWS is text.

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-2 py-1">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

function Mono({ children }: { children: ReactNode }) {
  return <span className="break-all font-mono text-xs">{children}</span>;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-slate-200 pt-3">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}

function KeyValues({ caption, entries, empty }: { caption: string; entries: [string, string][]; empty: string }) {
  if (entries.length === 0) return <span className="text-slate-500">{empty}</span>;
  return (
    <table className="w-full text-xs">
      <caption className="sr-only">{caption}</caption>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} className="border-t border-slate-100 first:border-t-0">
            <th scope="row" className="py-0.5 pr-2 text-left align-top font-mono font-normal text-slate-600">
              {k}
            </th>
            <td className="break-all py-0.5 font-mono">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LastUsed({ value }: { value: string | null }) {
  return value ? (
    <>
      <RelativeTime value={value} /> <span className="text-xs text-slate-500">({formatUtc(value)})</span>
    </>
  ) : (
    <span>never (or not within the analyzer’s tracking period)</span>
  );
}

function DetailBlock({ d }: { d: Detail }) {
  switch (d.kind) {
    case 'externalAccess':
    case 'internalAccess':
      return (
        <dl className="text-sm">
          {d.kind === 'externalAccess' ? (
            <Field label="Public">
              {d.isPublic === true ? <Badge tone="red">Yes — anyone can access</Badge> : d.isPublic === false ? 'No' : 'Not reported'}
            </Field>
          ) : (
            <>
              <Field label="Access type">{d.accessType ?? '—'}</Field>
              <Field label="Principal type">{d.principalType ?? '—'}</Field>
              <Field label="Principal account">{d.principalOwnerAccount ? <Mono>{d.principalOwnerAccount}</Mono> : '—'}</Field>
            </>
          )}
          <Field label="Principal">
            <KeyValues caption="Principal" entries={Object.entries(d.principal)} empty="Not reported" />
          </Field>
          <Field label="Actions">
            {d.action.length === 0 ? (
              <span className="text-slate-500">Not reported</span>
            ) : (
              <ul className="space-y-0.5">
                {d.action.map((a) => (
                  <li key={a}>
                    <Mono>{a}</Mono>
                  </li>
                ))}
              </ul>
            )}
          </Field>
          <Field label="Conditions">
            <KeyValues caption="Conditions" entries={Object.entries(d.condition)} empty="None — the access is unconditional" />
          </Field>
          {d.kind === 'externalAccess' && d.sources.length > 0 ? <Field label="Granted by">{d.sources.join(', ')}</Field> : null}
        </dl>
      );
    case 'unusedPermission':
      return (
        <div className="text-sm">
          <p>
            Service <Mono>{d.serviceNamespace}</Mono>, last used: <LastUsed value={d.lastAccessed} />
          </p>
          {d.actions.length > 0 ? (
            <table className="mt-1 w-full table-fixed text-xs">
              <caption className="sr-only">Unused actions of {d.serviceNamespace}</caption>
              <thead>
                <tr className="text-left text-slate-500">
                  <th scope="col" className="w-3/5 py-0.5 pr-2 font-medium">Action</th>
                  <th scope="col" className="py-0.5 font-medium">Last used</th>
                </tr>
              </thead>
              <tbody>
                {d.actions.map((a) => (
                  <tr key={a.action} className="border-t border-slate-100">
                    <td className="break-all py-0.5 pr-2 font-mono">{a.action}</td>
                    <td className="py-0.5">{a.lastAccessed ? formatUtc(a.lastAccessed) : 'never'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      );
    case 'unusedIamUserAccessKey':
      return (
        <dl className="text-sm">
          <Field label="Access key">
            <Mono>{d.accessKeyId}</Mono>
          </Field>
          <Field label="Last used">
            <LastUsed value={d.lastAccessed} />
          </Field>
        </dl>
      );
    case 'unusedIamRole':
    case 'unusedIamUserPassword':
      return (
        <dl className="text-sm">
          <Field label={d.kind === 'unusedIamRole' ? 'Role last used' : 'Password last used'}>
            <LastUsed value={d.lastAccessed} />
          </Field>
        </dl>
      );
    case 'unknown':
      return (
        <div className="text-sm">
          <p className="text-slate-600">Warden does not know this kind of detail; AWS sent:</p>
          <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">{d.raw}</pre>
        </div>
      );
  }
}

function Body({ data, onTriage }: { data: FindingDetailResponse; onTriage: (action: 'archive' | 'unarchive') => void }) {
  const now = useNow();
  const mayTriage = useCan('triager');
  const f = data.finding;
  const access = f.details?.some((d) => d.kind === 'externalAccess' || d.kind === 'internalAccess');
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={f.status} />
        <span className="text-sm text-slate-700">{typeLabel(f.findingType)}</span>
        {f.gist.isPublic ? <Badge tone="red">Public</Badge> : null}
        {f.archiveExpiresAt ? (
          <span className="text-xs text-slate-600">
            archive expires {formatUtc(f.archiveExpiresAt)}
            {now !== null && new Date(f.archiveExpiresAt).getTime() <= now ? ' — re-activated on the next sync' : ''}
          </span>
        ) : null}
      </div>
      <div className="flex gap-2">
        {f.status === 'ACTIVE' && mayTriage ? (
          <button type="button" onClick={() => onTriage('archive')} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
            Archive…
          </button>
        ) : null}
        {f.status === 'ARCHIVED' && mayTriage ? (
          <button type="button" onClick={() => onTriage('unarchive')} className="rounded-md bg-amber-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-amber-800">
            Re-activate…
          </button>
        ) : null}
        {f.status === 'RESOLVED' ? <p className="text-sm text-slate-600">Resolved by AWS: the access is gone. Resolved findings cannot be archived.</p> : null}
      </div>

      <Section title="Resource">
        <dl className="text-sm">
          <Field label="Resource">
            <Mono>{f.resource}</Mono>
          </Field>
          <Field label="Resource type">{f.resourceType}</Field>
          <Field label="Owner account">
            <Mono>{f.resourceOwnerAccount}</Mono>
          </Field>
          <Field label="Analyzed in">
            {f.accountName} <Mono>({f.accountId})</Mono>
          </Field>
          <Field label="Analyzer">
            {f.analyzerName} · {f.analyzerType} · {f.region}
            {f.analyzerStatus !== 'ACTIVE' ? <span className="ml-1 text-amber-800">({f.analyzerStatus})</span> : null}
          </Field>
          <Field label="Finding id">
            <Mono>{f.id}</Mono>
          </Field>
          {f.error ? (
            <Field label="Analysis error">
              <span className="text-red-800">{f.error}</span>
            </Field>
          ) : null}
        </dl>
      </Section>

      <Section title={access ? 'Access' : 'Unused access'}>
        {f.details === null ? (
          <p className="text-sm text-slate-600">
            {f.detailsError ? `The details could not be read from AWS (GetFindingV2): ${f.detailsError}` : 'The details of this finding have not been read yet (GetFindingV2).'}
          </p>
        ) : f.details.length === 0 ? (
          <p className="text-sm text-slate-600">AWS reported no details for this finding.</p>
        ) : (
          <div className="space-y-3">
            {f.details.map((d, i) => (
              <DetailBlock key={i} d={d} />
            ))}
          </div>
        )}
      </Section>

      <Section title="Times (from AWS)">
        <dl className="text-sm">
          <Field label="Created">{formatUtc(f.createdAt)}</Field>
          <Field label="Updated">{formatUtc(f.updatedAt)}</Field>
          <Field label="Analyzed">{formatUtc(f.analyzedAt)}</Field>
          <Field label="Read by Warden">
            <RelativeTime value={f.lastSeenAt} /> <span className="text-xs text-slate-500">(details {f.detailsFetchedAt ? formatUtc(f.detailsFetchedAt) : 'not read'})</span>
          </Field>
        </dl>
      </Section>

      <Section title="Audit trail">
        <TriageTrail entries={data.triage} />
      </Section>
    </div>
  );
}

/** The side panel; `findingKey` null keeps it closed. */
export function FindingDetailPanel({ findingKey, onClose, onTriage }: { findingKey: string | null; onClose: () => void; onTriage: (action: 'archive' | 'unarchive', data: FindingDetailResponse) => void }) {
  const titleId = useId();
  const detail = useFinding(findingKey);
  const open = findingKey !== null;
  const ref = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      className="m-0 ml-auto h-dvh max-h-none w-full max-w-2xl border-l border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/30"
    >
      {open ? (
        <div className="flex h-full flex-col">
          <header className="flex items-start justify-between gap-3 border-b border-slate-200 px-5 py-3">
            <h2 id={titleId} className="min-w-0 text-base font-semibold">
              Finding details
              {detail.data ? <span className="block break-all font-mono text-xs font-normal text-slate-600">{detail.data.finding.resource}</span> : null}
            </h2>
            <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50">
              Close
            </button>
          </header>
          <div className="flex-1 overflow-y-auto px-5 py-4">
            {detail.isLoading ? <p className="text-sm text-slate-500">Loading the finding…</p> : null}
            {detail.error ? (
              <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
                The finding could not be loaded: {detail.error.message}
              </p>
            ) : null}
            {detail.data ? <Body data={detail.data} onTriage={(action) => onTriage(action, detail.data)} /> : null}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
