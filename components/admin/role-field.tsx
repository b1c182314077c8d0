import { roleDescriptions, roles } from '@/lib/auth/roles';

// The admin forms' shared pieces: their field style and the labelled role choice.

export const adminField = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm';

export function RoleField() {
  return (
    <label className="text-sm font-medium text-slate-700">
      Role
      <select name="role" defaultValue="viewer" className={adminField}>
        {roles.map((r) => (
          <option key={r} value={r} title={roleDescriptions[r]}>
            {r}
          </option>
        ))}
      </select>
    </label>
  );
}
