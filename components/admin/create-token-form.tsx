'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { adminRequest } from '@/components/admin/admin-fetch';
import { adminField, RoleField } from '@/components/admin/role-field';
import { ActionError } from '@/components/ui/action-error';
import { tokenCreatedSchema } from '@/lib/auth/schema';

/** Creates a token and shows it once: Warden keeps only its hash. */
export function CreateTokenForm() {
  const router = useRouter();
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useMutation({
    mutationFn: (form: FormData) => {
      const days = String(form.get('expires') ?? '');
      return adminRequest('/api/admin/tokens', 'POST', { name: form.get('name'), role: form.get('role'), expiresInDays: days === 'never' ? null : Number(days) }, tokenCreatedSchema);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    setCreated(null);
    setCopied(false);
    create.mutate(new FormData(formElement), {
      onSuccess: (answer) => {
        setCreated({ token: answer.token, name: answer.record.name });
        formElement.reset();
        router.refresh();
      },
    });
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} aria-label="Create an API token" className="grid gap-3 sm:grid-cols-[1fr_10rem_10rem_auto] sm:items-end">
        <label className="text-sm font-medium text-slate-700">
          Name <span className="font-normal text-slate-500">(what uses it)</span>
          <input name="name" required maxLength={80} placeholder="e.g. CI checklist gate" className={adminField} />
        </label>
        <RoleField />
        <label className="text-sm font-medium text-slate-700">
          Expires
          <select name="expires" defaultValue="90" className={adminField}>
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="never">never</option>
          </select>
        </label>
        <button type="submit" disabled={create.isPending} className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </form>
      <ActionError message={create.error?.message} />
      {created ? (
        <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900">
          <p className="font-medium">Token “{created.name}” created. Copy it now: it will not be shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code aria-label="New API token" className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-emerald-200">
              {created.token}
            </code>
            <button
              type="button"
              className="rounded border border-emerald-400 bg-white px-2 py-1 text-xs font-medium hover:bg-emerald-100"
              onClick={() => void navigator.clipboard?.writeText(created.token).then(() => setCopied(true))}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
          <p className="mt-2 text-xs">
            Use it as <code className="font-mono">Authorization: Bearer …</code>, e.g.{' '}
            <code className="font-mono">curl -H &quot;Authorization: Bearer $WARDEN_TOKEN&quot; https://warden.example/api/checklist</code>
          </p>
        </div>
      ) : null}
    </div>
  );
}
