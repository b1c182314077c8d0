'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { adminRequest, anyAnswer } from '@/components/admin/admin-fetch';
import { Dialog } from '@/components/ui/dialog';

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="rounded border border-red-300 bg-white px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50">
        Revoke
      </button>
      <Dialog open={open} title={`Revoke “${name}”?`} onClose={() => setOpen(false)} className="max-w-sm">
        <p className="text-sm text-slate-600">Whatever uses this token is refused from now on. This cannot be undone.</p>
        {error ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={() => setOpen(false)} className="rounded border border-slate-300 px-2.5 py-1 text-sm">
            Cancel
          </button>
          <button
            type="button"
            disabled={pending}
            onClick={() => {
              setPending(true);
              setError(null);
              adminRequest(`/api/admin/tokens/${encodeURIComponent(id)}`, 'DELETE', {}, anyAnswer)
                .then(() => {
                  setOpen(false);
                  router.refresh();
                })
                .catch((e: unknown) => setError(e instanceof Error ? e.message : 'The token could not be revoked.'))
                .finally(() => setPending(false));
            }}
            className="rounded bg-red-700 px-2.5 py-1 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-50"
          >
            Revoke token
          </button>
        </div>
      </Dialog>
    </>
  );
}
