'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { adminRequest, anyAnswer } from '@/components/admin/admin-fetch';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const revoke = useMutation({
    mutationFn: () => adminRequest(`/api/admin/tokens/${encodeURIComponent(id)}`, 'DELETE', {}, anyAnswer),
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="rounded border border-red-300 bg-white px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50">
        Revoke
      </button>
      <ConfirmDialog
        open={open}
        title={`Revoke “${name}”?`}
        confirmLabel="Revoke token"
        danger
        pending={revoke.isPending}
        error={revoke.error?.message ?? null}
        onClose={() => setOpen(false)}
        onConfirm={() => revoke.mutate()}
      >
        <p className="text-slate-600">Whatever uses this token is refused from now on. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
