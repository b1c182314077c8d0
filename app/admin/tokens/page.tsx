import { currentTime } from '@/lib/clock';
import type { Metadata } from 'next';
import { AdminTable } from '@/components/admin/admin-table';
import { CreateTokenForm } from '@/components/admin/create-token-form';
import { RevokeTokenButton } from '@/components/admin/revoke-token-button';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { UtcTime } from '@/components/admin/utc-time';
import { listApiTokens } from '@/lib/auth/api-tokens';
import { requireRole } from '@/lib/auth/server';

export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  await requireRole('admin', '/admin/tokens');
  const tokens = await listApiTokens();
  const now = currentTime();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let pipelines and scripts call Warden's API (for example GET /api/checklist) with a role of their own. Warden stores only a hash of each token; revoking one stops it at once. Tokens cannot manage users or tokens."
      />
      <div className="space-y-6">
        <Card title="Create a token">
          <CreateTokenForm />
        </Card>
        {tokens.length === 0 ? (
          <EmptyState title="No API tokens yet" />
        ) : (
          <AdminTable caption="API tokens" columns={['Name', 'Token', 'Role', 'Created', 'Expires', 'Last used', 'State']}>
            {tokens.map((t) => {
              const expired = t.expiresAt !== null && t.expiresAt <= now;
              return (
                <tr key={t.id} className={t.revokedAt || expired ? 'text-slate-500' : ''}>
                  <td className="px-4 py-2 font-medium">{t.name}</td>
                  <td className="px-4 py-2 font-mono text-xs">{t.prefix}…</td>
                  <td className="px-4 py-2">{t.role}</td>
                  <td className="px-4 py-2">
                    <UtcTime value={t.createdAt} /> <span className="text-slate-500">by {t.createdBy}</span>
                  </td>
                  <td className="px-4 py-2">
                    <UtcTime value={t.expiresAt} />
                  </td>
                  <td className="px-4 py-2">
                    <UtcTime value={t.lastUsedAt} />
                  </td>
                  <td className="px-4 py-2">
                    {t.revokedAt ? (
                      <Badge tone="red" title={`by ${t.revokedBy ?? 'unknown'}`}>
                        revoked
                      </Badge>
                    ) : expired ? (
                      <Badge tone="amber">expired</Badge>
                    ) : (
                      <div className="flex items-center gap-2">
                        <Badge tone="green">active</Badge>
                        <RevokeTokenButton id={t.id} name={t.name} />
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </AdminTable>
        )}
      </div>
    </>
  );
}
