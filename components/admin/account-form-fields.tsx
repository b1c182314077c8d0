import { adminField } from '@/components/admin/role-field';

// The fields of an account reached with STS AssumeRole, shared by the add form and the edit dialog.

export type AccountFieldValues = { name?: string; roleArn?: string | null; isOwn?: boolean };

export function AccountFormFields({ values = {}, externalIdHint }: { values?: AccountFieldValues; externalIdHint: string }) {
  return (
    <>
      <label className="text-sm font-medium text-slate-700">
        Name
        <input name="name" required maxLength={100} defaultValue={values.name} autoComplete="off" placeholder="e.g. payments-prod" className={adminField} />
      </label>
      <label className="text-sm font-medium text-slate-700">
        Role ARN
        <input
          name="roleArn"
          required
          defaultValue={values.roleArn ?? undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder="arn:aws:iam::123456789012:role/WardenReadOnly"
          className={`${adminField} font-mono`}
        />
      </label>
      <label className="text-sm font-medium text-slate-700">
        ExternalId <span className="font-normal text-slate-500">({externalIdHint})</span>
        <input name="externalId" autoComplete="off" spellCheck={false} className={`${adminField} font-mono`} />
      </label>
      <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
        <input name="isOwn" type="checkbox" defaultChecked={values.isOwn ?? true} className="h-4 w-4 rounded border-slate-300" />
        One of our own accounts
      </label>
    </>
  );
}

/** The form's values as the API takes them: an empty ExternalId is left out. */
export function accountFormBody(form: FormData): { name: string; roleArn: string; externalId?: string; isOwn: boolean } {
  const externalId = String(form.get('externalId') ?? '').trim();
  return {
    name: String(form.get('name') ?? ''),
    roleArn: String(form.get('roleArn') ?? '').trim(),
    ...(externalId ? { externalId } : {}),
    isOwn: form.get('isOwn') === 'on',
  };
}
