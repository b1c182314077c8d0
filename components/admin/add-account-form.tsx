'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { adminRequest, anyAnswer } from '@/components/admin/admin-fetch';
import { AccountCheckResult } from '@/components/admin/account-check-result';
import { AccountFormFields, accountFormBody } from '@/components/admin/account-form-fields';
import { ActionError } from '@/components/ui/action-error';
import { accountCheckSchema, type AccountCheck } from '@/lib/accounts/schema';

const button = 'rounded-md px-3 py-2 text-sm font-medium disabled:opacity-50';

/** Add an account reached with STS AssumeRole; "Check access" tries the role first without saving it. */
export function AddAccountForm() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState<string | null>(null);
  const [check, setCheck] = useState<AccountCheck | null>(null);
  const checkAccess = useMutation({
    mutationFn: (body: { roleArn: string; externalId: string | undefined }) => adminRequest('/api/admin/accounts/check', 'POST', body, accountCheckSchema),
    onSuccess: setCheck,
  });
  const add = useMutation({
    mutationFn: (body: ReturnType<typeof accountFormBody>) => adminRequest('/api/admin/accounts', 'POST', body, anyAnswer),
  });
  const pending = checkAccess.isPending || add.isPending;
  // One error line: the one of the request made last.
  const error = (checkAccess.error ?? add.error)?.message;

  function runCheck() {
    const form = formRef.current;
    if (!form || !form.reportValidity()) return;
    const { roleArn, externalId } = accountFormBody(new FormData(form));
    add.reset();
    setCheck(null);
    setDone(null);
    checkAccess.mutate({ roleArn, externalId });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const body = accountFormBody(new FormData(formElement));
    checkAccess.reset();
    setDone(null);
    add.mutate(body, {
      onSuccess: () => {
        setDone(`${body.name.trim()} was added; the next sync reads it.`);
        setCheck(null);
        formElement.reset();
        router.refresh();
      },
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} aria-label="Add an account" className="space-y-3">
      <div className="grid gap-3 md:grid-cols-2">
        <AccountFormFields externalIdHint="if the role's trust policy requires one" />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={pending} onClick={runCheck} className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}>
          {checkAccess.isPending ? 'Checking…' : 'Check access'}
        </button>
        <button type="submit" disabled={pending} className={`${button} bg-slate-900 text-white hover:bg-slate-700`}>
          {add.isPending ? 'Adding…' : 'Add account'}
        </button>
      </div>
      <ActionError message={error} />
      {done ? (
        <p role="status" className="text-sm text-emerald-700">
          {done}
        </p>
      ) : null}
      {check ? <AccountCheckResult check={check} /> : null}
    </form>
  );
}
