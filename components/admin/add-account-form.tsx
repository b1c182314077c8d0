'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { adminRequest, anyAnswer } from '@/components/admin/admin-fetch';
import { AccountCheckResult } from '@/components/admin/account-check-result';
import { AccountFormFields, accountFormBody } from '@/components/admin/account-form-fields';
import { accountCheckSchema, type AccountCheck } from '@/lib/accounts/schema';

const button = 'rounded-md px-3 py-2 text-sm font-medium disabled:opacity-50';

/** Add an account reached with STS AssumeRole; "Check access" tries the role first without saving it. */
export function AddAccountForm() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [check, setCheck] = useState<AccountCheck | null>(null);
  const [pending, setPending] = useState<'check' | 'add' | null>(null);

  async function runCheck() {
    const form = formRef.current;
    if (!form || !form.reportValidity()) return;
    const { roleArn, externalId } = accountFormBody(new FormData(form));
    setPending('check');
    setError(null);
    setCheck(null);
    try {
      setCheck(await adminRequest('/api/admin/accounts/check', 'POST', { roleArn, externalId }, accountCheckSchema));
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The check could not run.');
    } finally {
      setPending(null);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const body = accountFormBody(new FormData(formElement));
    setPending('add');
    setError(null);
    setDone(null);
    try {
      await adminRequest('/api/admin/accounts', 'POST', body, anyAnswer);
      setDone(`${body.name.trim()} was added; the next sync reads it.`);
      setCheck(null);
      formElement.reset();
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The account could not be added.');
    } finally {
      setPending(null);
    }
  }

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} aria-label="Add an account" className="space-y-3">
      <div className="grid gap-3 md:grid-cols-2">
        <AccountFormFields externalIdHint="if the role's trust policy requires one" />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={pending !== null} onClick={() => void runCheck()} className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}>
          {pending === 'check' ? 'Checking…' : 'Check access'}
        </button>
        <button type="submit" disabled={pending !== null} className={`${button} bg-slate-900 text-white hover:bg-slate-700`}>
          {pending === 'add' ? 'Adding…' : 'Add account'}
        </button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-emerald-700">
          {done}
        </p>
      ) : null}
      {check ? <AccountCheckResult check={check} /> : null}
    </form>
  );
}
