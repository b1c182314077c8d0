'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { adminRequest, anyAnswer } from '@/components/admin/admin-fetch';
import { adminField, RoleField } from '@/components/admin/role-field';
import { ActionError } from '@/components/ui/action-error';

export function CreateUserForm({ minLength }: { minLength: number }) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (form: FormData) =>
      adminRequest('/api/admin/users', 'POST', { username: form.get('username'), role: form.get('role'), password: form.get('password') }, anyAnswer),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setDone(null);
    create.mutate(form, {
      onSuccess: () => {
        setDone(`${String(form.get('username')).trim().toLowerCase()} can sign in now.`);
        formElement.reset();
        router.refresh();
      },
    });
  }

  return (
    <form onSubmit={submit} aria-label="Add a local account" className="grid gap-3 sm:grid-cols-[1fr_10rem_1fr_auto] sm:items-end">
      <label className="text-sm font-medium text-slate-700">
        Username
        <input name="username" required autoComplete="off" className={adminField} />
      </label>
      <RoleField />
      <label className="text-sm font-medium text-slate-700">
        Initial password <span className="font-normal text-slate-500">(≥ {minLength} characters)</span>
        <input name="password" type="password" required minLength={minLength} autoComplete="new-password" className={adminField} />
      </label>
      <button type="submit" disabled={create.isPending} className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
        {create.isPending ? 'Adding…' : 'Add account'}
      </button>
      <ActionError message={create.error?.message} className="text-sm sm:col-span-4" />
      {done ? (
        <p role="status" className="text-sm text-emerald-700 sm:col-span-4">
          {done}
        </p>
      ) : null}
    </form>
  );
}
