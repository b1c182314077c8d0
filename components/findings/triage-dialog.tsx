'use client';

import { useId, useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { ApiError } from '@/lib/fetch-json';
import { useTriage } from '@/lib/findings/hooks';
import { maxReasonLength, type TriageResult } from '@/lib/findings/schema';
import { DAY_MS, isoDate } from '@/lib/dates';

// Archive or re-activate findings with a reason (and, for an archive, an optional expiry). The
// change is made in AWS; the dialog stays open with AWS's message when AWS refuses.

export type TriageTarget = { key: string; resource: string; status: string };

const tomorrow = () => isoDate(new Date(Date.now() + DAY_MS));

export function TriageDialog({
  action,
  targets,
  skipped,
  onClose,
  onDone,
}: {
  action: 'archive' | 'unarchive' | null;
  targets: TriageTarget[];
  /** Selected findings the action does not apply to (and that are left out). */
  skipped: number;
  onClose: () => void;
  onDone: (result: TriageResult) => void;
}) {
  const triage = useTriage();
  const formId = useId();
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState('');
  const [touched, setTouched] = useState(false);
  const open = action !== null;
  const archive = action === 'archive';
  const n = targets.length;
  const noun = `${n} finding${n === 1 ? '' : 's'}`;
  const reasonError = touched && reason.trim().length === 0 ? 'A reason is required: it is kept with the change in Warden’s audit trail.' : null;

  const close = () => {
    triage.reset();
    setReason('');
    setExpires('');
    setTouched(false);
    onClose();
  };

  const submit = () => {
    setTouched(true);
    if (!action || reason.trim().length === 0 || n === 0) return;
    triage.mutate(
      { action, keys: targets.map((t) => t.key), reason: reason.trim(), ...(archive && expires ? { expiresAt: `${expires}T00:00:00Z` } : {}) },
      {
        onSuccess: (result) => {
          setReason('');
          setExpires('');
          setTouched(false);
          onDone(result);
        },
      },
    );
  };

  return (
    <Dialog open={open} onClose={close} title={archive ? `Archive ${noun} in AWS` : `Re-activate ${noun} in AWS`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        className="space-y-4 text-sm"
      >
        <p className="text-slate-600">
          Warden calls Access Analyzer <code className="rounded bg-slate-100 px-1">UpdateFindings</code> in each finding’s account
          {archive ? ' to set it ARCHIVED' : ' to set it ACTIVE again'}. Only what AWS accepts is recorded here, with your name, the time and the reason.
        </p>
        {n <= 5 ? (
          <ul className="space-y-0.5 rounded-md bg-slate-50 p-2 font-mono text-xs text-slate-700">
            {targets.map((t) => (
              <li key={t.key} className="break-all">
                {t.resource}
              </li>
            ))}
          </ul>
        ) : null}
        {skipped > 0 ? (
          <p className="text-amber-800">
            {skipped} selected finding{skipped === 1 ? ' is' : 's are'} not {archive ? 'active' : 'archived'} and {skipped === 1 ? 'is' : 'are'} left out.
          </p>
        ) : null}
        <div>
          <label htmlFor={`${formId}-reason`} className="font-medium text-slate-800">
            Reason (required)
          </label>
          <textarea
            id={`${formId}-reason`}
            className="mt-1 block w-full rounded-md border border-slate-300 p-2"
            rows={3}
            maxLength={maxReasonLength}
            value={reason}
            required
            aria-invalid={reasonError !== null}
            aria-describedby={`${formId}-reason-help`}
            onChange={(e) => setReason(e.target.value)}
            onBlur={() => setTouched(true)}
            placeholder={archive ? 'e.g. Intended: read-only access for the auditor account (SEC-123)' : 'e.g. The exception was withdrawn'}
          />
          <p id={`${formId}-reason-help`} className={`mt-1 text-xs ${reasonError ? 'text-red-700' : 'text-slate-500'}`}>
            {reasonError ?? `${reason.length} / ${maxReasonLength} characters`}
          </p>
        </div>
        {archive ? (
          <div>
            <label htmlFor={`${formId}-expires`} className="font-medium text-slate-800">
              Re-activate automatically on (optional, UTC)
            </label>
            <input
              id={`${formId}-expires`}
              type="date"
              className="mt-1 block rounded-md border border-slate-300 p-1.5"
              min={tomorrow()}
              value={expires}
              aria-describedby={`${formId}-expires-help`}
              onChange={(e) => setExpires(e.target.value)}
            />
            <p id={`${formId}-expires-help`} className="mt-1 text-xs text-slate-500">
              On the first sync after this date Warden sets the finding ACTIVE again in AWS and records that it did.
            </p>
          </div>
        ) : null}
        {triage.error ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
            <p className="font-medium">{triage.error instanceof ApiError && triage.error.status === 502 ? 'The change was refused' : 'The change could not be made'}</p>
            <p className="mt-1 max-h-64 overflow-y-auto whitespace-pre-line break-words">{triage.error.message}</p>
          </div>
        ) : null}
        <div className="flex justify-end gap-2 pt-1">
          <button type="button" onClick={close} className="rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50">
            Cancel
          </button>
          <button
            type="submit"
            disabled={triage.isPending || n === 0}
            className={`rounded-md px-3 py-1.5 font-medium text-white disabled:opacity-50 ${archive ? 'bg-slate-900 hover:bg-slate-700' : 'bg-amber-700 hover:bg-amber-800'}`}
          >
            {triage.isPending ? (archive ? 'Archiving in AWS…' : 'Re-activating in AWS…') : archive ? `Archive ${noun}` : `Re-activate ${noun}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
