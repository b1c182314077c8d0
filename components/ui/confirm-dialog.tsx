'use client';

import type { ReactNode } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { ActionError } from '@/components/ui/action-error';

/** "Are you sure?" for an action that cannot be taken back: what happens, Cancel, and the action. */
export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  onConfirm,
  onClose,
  pending,
  error,
  danger = false,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: string | null;
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <Dialog open={open} title={title} onClose={onClose} className="max-w-md">
      <div className="text-sm text-slate-700">{children}</div>
      <ActionError message={error} className="mt-2 text-sm" />
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={onClose} className="rounded border border-slate-300 px-2.5 py-1 text-sm">
          Cancel
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={onConfirm}
          className={`rounded px-2.5 py-1 text-sm font-medium text-white disabled:opacity-50 ${danger ? 'bg-red-700 hover:bg-red-800' : 'bg-slate-900 hover:bg-slate-700'}`}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
