import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { UtcTime } from '@/components/admin/utc-time';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { passwordMinLength } from '@/lib/auth/password';
import { roleDescriptions } from '@/lib/auth/roles';
import { requireRole } from '@/lib/auth/server';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const me = await requireRole('viewer', '/account');
  const user = me.userId ? await db.user.findUnique({ where: { id: me.userId }, include: { _count: { select: { sessions: true } } } }) : null;
  return (
    <>
      <PageHeader title="Your account" description="Who you are signed in as, with which role, and your password." />
      <div className="space-y-6">
        <Card title="You">
          {user ? (
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="text-slate-500">Name</dt>
              <dd className="font-medium">{user.name}</dd>
              {user.email ? (
                <>
                  <dt className="text-slate-500">Email</dt>
                  <dd>{user.email}</dd>
                </>
              ) : null}
              <dt className="text-slate-500">Role</dt>
              <dd>
                <span className="font-medium">{me.role}</span> — <span className="text-slate-600">{roleDescriptions[me.role]}</span>
              </dd>
              <dt className="text-slate-500">Signs in with</dt>
              <dd>{user.source === 'oidc' ? env().WARDEN_OIDC_LABEL : 'a Warden password'}</dd>
              <dt className="text-slate-500">Last sign-in</dt>
              <dd>
                <UtcTime value={user.lastSignInAt} />
              </dd>
              <dt className="text-slate-500">Open sessions</dt>
              <dd className="tabular-nums">{user._count.sessions}</dd>
            </dl>
          ) : (
            <p className="text-sm text-slate-600">Sign-in is off in demo mode: you are the demo administrator, and there is no password to change.</p>
          )}
        </Card>
        {user?.source === 'local' ? (
          <Card title="Change your password">
            <p className="mb-3 text-sm text-slate-600">Your other sessions (other browsers) are signed out; this one stays.</p>
            <ChangePasswordForm minLength={passwordMinLength} />
          </Card>
        ) : user ? (
          <Card title="Password">
            <p className="text-sm text-slate-600">Your password is kept by {env().WARDEN_OIDC_LABEL}: change it there. Your role comes from your groups at each sign-in.</p>
          </Card>
        ) : null}
      </div>
    </>
  );
}
