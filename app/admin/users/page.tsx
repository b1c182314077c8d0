import type { Metadata } from 'next';
import { AdminTable } from '@/components/admin/admin-table';
import { CreateUserForm } from '@/components/admin/create-user-form';
import { UserActions } from '@/components/admin/user-actions';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { UtcTime } from '@/components/admin/utc-time';
import { env } from '@/lib/env';
import { localSignInEnabled, oidcConfigured } from '@/lib/auth/config';
import { passwordMinLength } from '@/lib/auth/password';
import { roleDescriptions, roles } from '@/lib/auth/roles';
import { requireRole } from '@/lib/auth/server';
import { listUsers } from '@/lib/auth/users';

export const metadata: Metadata = { title: 'Users' };

const roleTone = { viewer: 'slate', triager: 'sky', admin: 'violet' } as const;

export default async function UsersPage() {
  const me = await requireRole('admin', '/admin/users');
  const users = await listUsers();
  const e = env();
  const mapping = Object.entries(e.WARDEN_OIDC_ROLE_MAP);
  return (
    <>
      <PageHeader title="Users" description="Everyone who can sign in to Warden, with their role. Changing a role or disabling someone ends their sessions at once." />
      <div className="space-y-6">
        <Card title="Roles">
          <ul className="grid gap-2 text-sm text-slate-700 sm:grid-cols-3">
            {roles.map((r) => (
              <li key={r}>
                <Badge tone={roleTone[r]}>{r}</Badge> <span className="text-slate-600">{roleDescriptions[r]}</span>
              </li>
            ))}
          </ul>
          {oidcConfigured() ? (
            <p className="mt-3 text-sm text-slate-600">
              Single sign-on users get their role from the claim <code className="rounded bg-slate-100 px-1">{e.WARDEN_OIDC_GROUPS_CLAIM}</code> at every sign-in:{' '}
              {mapping.length === 0 ? 'no group is mapped yet' : mapping.map(([group, role]) => `${group} → ${role}`).join(', ')}; anyone else{' '}
              {e.WARDEN_OIDC_DEFAULT_ROLE === 'none' ? 'is refused' : `is a ${e.WARDEN_OIDC_DEFAULT_ROLE}`}.
            </p>
          ) : null}
        </Card>
        <AdminTable caption="Users" columns={['Name', 'Sign-in', 'Role', 'Last sign-in', 'Sessions', 'Actions']}>
          {users.map((u) => (
            <tr key={u.id} className={u.disabled ? 'bg-slate-50 text-slate-500' : ''}>
              <td className="px-4 py-2 font-medium">
                {u.name}
                {u.id === me.userId ? <span className="ml-2 text-xs font-normal text-slate-500">(you)</span> : null}
                {u.disabled ? <span className="ml-2"><Badge tone="red">disabled</Badge></span> : null}
              </td>
              <td className="px-4 py-2">{u.source === 'oidc' ? 'single sign-on' : 'local account'}</td>
              <td className="px-4 py-2">
                <Badge tone={roleTone[u.role]}>{u.role}</Badge>
              </td>
              <td className="px-4 py-2">
                <UtcTime value={u.lastSignInAt} />
              </td>
              <td className="px-4 py-2 tabular-nums">{u.activeSessions}</td>
              <td className="px-4 py-2">
                <UserActions user={{ id: u.id, name: u.name, source: u.source, role: u.role, disabled: u.disabled }} minLength={passwordMinLength} />
              </td>
            </tr>
          ))}
        </AdminTable>
        {localSignInEnabled() ? (
          <Card title="Add a local account">
            <CreateUserForm minLength={passwordMinLength} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
