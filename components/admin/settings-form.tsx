'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { UtcTime } from '@/components/admin/utc-time';
import { ActionError } from '@/components/ui/action-error';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ApiError, fetchJson } from '@/lib/fetch-json';
import {
  settingGroups,
  settingKeys,
  settingLabels,
  settingsSavedSchema,
  settingsUpdateSchema,
  thresholdFields,
  type SettingChange,
  type SettingKey,
  type SettingsSaved,
  type SettingsUpdate,
  type SettingsView,
  type SettingValue,
  type SettingView,
  type ThresholdField,
} from '@/lib/settings/schema';

// The Settings screen's form: each threshold with the value in effect, where it comes from and its
// seed default; the sync schedule with its next run. Only edited fields are sent; a field pinned by
// its environment variable cannot be edited here.

type Drafts = Partial<Record<SettingKey, string | boolean>>;
type FieldErrors = Partial<Record<SettingKey, string>>;
type Refusal = { message: string; fields: FieldErrors };

const numberInput = 'w-28 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm tabular-nums disabled:bg-slate-100 disabled:text-slate-500 aria-[invalid=true]:border-red-500';
const small = 'rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50';

const fieldOf = (key: SettingKey): ThresholdField | null => (key === 'syncSchedule' ? null : thresholdFields[key]);

function hours(seconds: number): string {
  const h = seconds / 3600;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} hour${h === 1 ? '' : 's'}`;
}

/** A value as people read it: "90 days", "required", "3600 seconds (1 hour)", "off". */
function formatValue(key: SettingKey, value: SettingValue): string {
  const field = fieldOf(key);
  if (!field) return String(value);
  if (field.kind === 'flag') return value === true ? 'required' : 'not required';
  const text = `${String(value)} ${field.unit}`;
  return key === 'maxSessionDurationSeconds' && typeof value === 'number' ? `${text} (${hours(value)})` : text;
}

function describeChange(change: SettingChange): string {
  const show = (value: SettingValue) => (change.key === 'syncSchedule' ? `“${String(value)}”` : formatValue(change.key, value));
  return `${settingLabels[change.key]} ${show(change.from)} → ${show(change.to)}`;
}

/** What the form sends for a draft: numbers as numbers, anything else as typed (the schema says why not). */
function draftValue(key: SettingKey, draft: string | boolean): unknown {
  if (typeof draft === 'boolean' || key === 'syncSchedule') return draft;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(draft) ? Number(draft) : draft;
}

function isDirty(view: SettingView, draft: string | boolean | undefined): boolean {
  if (draft === undefined) return false;
  return typeof draft === 'boolean' ? draft !== view.value : draft.trim() !== String(view.value);
}

/** The form's own refusal: every problem the schema found, and the first one of each setting beside it. */
function refusalOf(issues: z.ZodError['issues']): Refusal {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = settingKeys.find((k) => k === issue.path[0]);
    if (key) fields[key] ??= issue.message;
  }
  return { message: `Not saved: ${issues.map((i) => i.message).join('; ')}.`, fields };
}

/** The server's refusal beside the setting it is about, when it names one in the answer's field. */
function serverFieldErrors(error: Error | null): FieldErrors {
  if (!(error instanceof ApiError) || error.field === null) return {};
  const field = error.field;
  const key = settingKeys.find((k) => k === field);
  return key ? { [key]: error.message } : {};
}

function OriginBadge({ view }: { view: SettingView }) {
  if (view.origin === 'env') return <Badge tone="amber">set by {view.envName}</Badge>;
  if (view.origin === 'stored') return <Badge tone="sky">set in Settings</Badge>;
  return <Badge tone="slate">default</Badge>;
}

function Provenance({ view, id, onReset, pending }: { view: SettingView; id: string; onReset: () => void; pending: boolean }) {
  return (
    <div id={id} className="space-y-1 text-xs text-slate-600">
      <p className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <OriginBadge view={view} />
        <span className="break-words text-slate-700" title={view.updatedAt ?? undefined}>
          Source: {view.source}
        </span>
      </p>
      {view.envLocked ? <p className="font-medium text-amber-900">Set by {view.envName}; change it there. The environment wins over this screen.</p> : null}
      {view.origin === 'default' ? null : (
        <p className="flex flex-wrap items-center gap-2">
          <span>
            Default: {formatValue(view.key, view.defaultValue)} <span className="text-slate-400">({view.defaultSource})</span>
          </span>
          {view.origin === 'stored' ? (
            <button type="button" className={small} disabled={pending} onClick={onReset} aria-label={`Reset ${settingLabels[view.key]} to its default`}>
              Reset to default
            </button>
          ) : null}
        </p>
      )}
    </div>
  );
}

type RowProps = {
  view: SettingView;
  draft: string | boolean | undefined;
  error: string | undefined;
  pending: boolean;
  onDraft: (value: string | boolean) => void;
  onReset: () => void;
};

function ThresholdRow({ view, draft, error, pending, onDraft, onReset }: RowProps) {
  const field = fieldOf(view.key);
  if (!field) return null;
  const id = `setting-${view.key}`;
  const dirty = isDirty(view, draft);
  const describedBy = [`${id}-help`, `${id}-source`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="grid gap-3 py-4 first:pt-0 last:pb-0 md:grid-cols-[minmax(0,1fr)_11rem_minmax(0,1.25fr)]">
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-900">
          {field.label}
        </label>
        <p id={`${id}-help`} className="mt-0.5 text-xs text-slate-500">
          {field.help}
        </p>
      </div>
      <div>
        {field.kind === 'flag' ? (
          <div className="flex items-center gap-2 pt-1 text-sm text-slate-700">
            <input
              id={id}
              type="checkbox"
              className="h-4 w-4 rounded border-slate-300 disabled:opacity-50"
              checked={typeof draft === 'boolean' ? draft : view.value === true}
              disabled={view.envLocked || pending}
              aria-describedby={describedBy}
              onChange={(e) => onDraft(e.target.checked)}
            />
            <span aria-hidden="true">required</span>
          </div>
        ) : (
          <div className="flex items-center gap-2">
            <input
              id={id}
              type="number"
              inputMode="numeric"
              step={1}
              min={field.min}
              max={field.max}
              className={numberInput}
              value={typeof draft === 'string' ? draft : String(view.value)}
              disabled={view.envLocked || pending}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => onDraft(e.target.value)}
            />
            <span className="text-sm text-slate-600">{field.unit}</span>
          </div>
        )}
        {dirty ? <p className="mt-1 text-xs font-medium text-amber-800">not saved yet</p> : null}
        {error ? (
          <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <Provenance view={view} id={`${id}-source`} onReset={onReset} pending={pending} />
    </div>
  );
}

function ScheduleCard({ view, nextSyncAt, ...props }: RowProps & { nextSyncAt: string | null }) {
  const id = 'setting-syncSchedule';
  const { draft, error, pending, onDraft, onReset } = props;
  const describedBy = [`${id}-help`, `${id}-source`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <Card title="Sync schedule">
      <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div>
          <label htmlFor={id} className="text-sm font-medium text-slate-900">
            Cron expression (UTC), or off
          </label>
          <input
            id={id}
            type="text"
            autoComplete="off"
            spellCheck={false}
            className="mt-1 block w-full max-w-xs rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-sm disabled:bg-slate-100 disabled:text-slate-500 aria-[invalid=true]:border-red-500"
            value={typeof draft === 'string' ? draft : String(view.value)}
            disabled={view.envLocked || pending}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => onDraft(e.target.value)}
          />
          {isDirty(view, draft) ? <p className="mt-1 text-xs font-medium text-amber-800">not saved yet</p> : null}
          {error ? (
            <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
              {error}
            </p>
          ) : null}
          <div id={`${id}-help`} className="mt-2 space-y-1 text-xs text-slate-600">
            <p>Five fields, in UTC: minute, hour, day of month, month, day of week. For example:</p>
            <ul className="ml-4 list-disc">
              <li>
                <code className="font-mono">0 */6 * * *</code> — every 6 hours, on the hour (the default)
              </li>
              <li>
                <code className="font-mono">30 2 * * *</code> — every day at 02:30
              </li>
              <li>
                <code className="font-mono">0 7 * * 1</code> — Mondays at 07:00
              </li>
              <li>
                <code className="font-mono">off</code> — no scheduled sync; an admin can still start one on the Sync screen
              </li>
            </ul>
          </div>
        </div>
        <div className="space-y-2">
          <p className="text-sm text-slate-700">
            <span className="font-medium">Next scheduled sync:</span>{' '}
            {nextSyncAt ? <UtcTime value={new Date(nextSyncAt)} /> : <span className="text-slate-500">none{view.value === 'off' ? ' — the schedule is off' : ' in this server process'}</span>}
          </p>
          <Provenance view={view} id={`${id}-source`} onReset={onReset} pending={pending} />
        </div>
      </div>
    </Card>
  );
}

export function SettingsForm({ initial }: { initial: SettingsView }) {
  const [view, setView] = useState<SettingsView>(initial);
  const [drafts, setDrafts] = useState<Drafts>({});
  // A refusal the form makes itself, before asking the server: the shared schema names each field.
  const [invalid, setInvalid] = useState<Refusal | null>(null);
  const save = useMutation({
    mutationFn: (update: SettingsUpdate) => fetchJson('/api/admin/settings', settingsSavedSchema, { method: 'PUT', body: JSON.stringify(update) }),
    onSuccess: (answer, update) => {
      setView({ settings: answer.settings, nextSyncAt: answer.nextSyncAt });
      setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([key]) => !(key in update))));
    },
  });
  const pending = save.isPending;
  const error = invalid?.message ?? (save.error ? `Not saved: ${save.error.message}` : null);
  const fieldErrors = invalid?.fields ?? serverFieldErrors(save.error);
  const saved = save.data ?? null;

  const byKey = new Map(view.settings.map((s) => [s.key, s]));
  const dirtyKeys = settingKeys.filter((key) => {
    const current = byKey.get(key);
    return current !== undefined && !current.envLocked && isDirty(current, drafts[key]);
  });

  function send(body: Record<string, unknown>) {
    save.reset();
    const parsed = settingsUpdateSchema.safeParse(body);
    if (!parsed.success) {
      setInvalid(refusalOf(parsed.error.issues));
      return;
    }
    setInvalid(null);
    save.mutate(parsed.data);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    for (const key of dirtyKeys) {
      const draft = drafts[key];
      if (draft !== undefined) body[key] = draftValue(key, draft);
    }
    send(body);
  }

  const rowProps = (key: SettingKey) => ({
    draft: drafts[key],
    error: fieldErrors[key],
    pending,
    onDraft: (value: string | boolean) => setDrafts((d) => ({ ...d, [key]: value })),
    onReset: () => send({ [key]: null }),
  });

  const schedule = byKey.get('syncSchedule');
  return (
    <form onSubmit={submit} noValidate aria-label="Settings" className="space-y-6">
      {settingGroups.map((group) => (
        <Card key={group.title} title={group.title}>
          <p className="-mt-1 mb-4 text-sm text-slate-600">{group.description}</p>
          <div className="divide-y divide-slate-100">
            {group.keys.map((key) => {
              const current = byKey.get(key);
              return current ? <ThresholdRow key={key} view={current} {...rowProps(key)} /> : null;
            })}
          </div>
        </Card>
      ))}
      {schedule ? <ScheduleCard view={schedule} nextSyncAt={view.nextSyncAt} {...rowProps('syncSchedule')} /> : null}

      <div className="sticky bottom-0 -mx-1 flex flex-wrap items-start gap-4 rounded-lg border border-slate-200 bg-white/95 px-4 py-3 shadow-sm backdrop-blur">
        <button type="submit" disabled={pending || dirtyKeys.length === 0} className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
          {pending ? 'Saving…' : dirtyKeys.length > 1 ? `Save ${dirtyKeys.length} changes` : 'Save changes'}
        </button>
        <div className="min-w-0 flex-1 text-sm">
          <ActionError message={error} />
          {saved ? <SavedNote saved={saved} /> : null}
          {!error && !saved ? (
            <p className="text-slate-500">
              {dirtyKeys.length === 0 ? 'No unsaved changes.' : `Unsaved: ${dirtyKeys.map((k) => settingLabels[k]).join(', ')}.`} Saving re-evaluates every account’s checklist with the new thresholds.
            </p>
          ) : null}
        </div>
      </div>
    </form>
  );
}

function SavedNote({ saved }: { saved: SettingsSaved }) {
  const scheduleChanged = saved.changes.some((c) => c.key === 'syncSchedule');
  return (
    <div role="status" className="space-y-0.5 text-emerald-800">
      <p>
        {saved.changes.length === 0 ? 'Nothing changed: the values were already in effect.' : `Saved: ${saved.changes.map(describeChange).join('; ')}.`}
        {saved.reevaluatedAccounts > 0 ? ` The checklist of ${saved.reevaluatedAccounts} account${saved.reevaluatedAccounts === 1 ? ' was' : 's were'} re-evaluated.` : ''}
      </p>
      {scheduleChanged ? (
        <p>
          Next scheduled sync: {saved.nextSyncAt ? <UtcTime value={new Date(saved.nextSyncAt)} /> : 'none — the schedule is off.'}
        </p>
      ) : null}
      {saved.warnings.map((w) => (
        <p key={w} className="text-amber-900">
          {w}
        </p>
      ))}
    </div>
  );
}
