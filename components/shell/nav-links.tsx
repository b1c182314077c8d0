'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export const screens = [
  { href: '/', label: 'Overview', description: 'Checklist verdicts and score' },
  { href: '/credentials', label: 'Credentials', description: 'Credential report and key ages' },
  { href: '/findings', label: 'Findings', description: 'Access Analyzer triage' },
  { href: '/activity', label: 'Activity', description: 'CloudTrail coverage and key events' },
  { href: '/review', label: 'Review', description: 'Monthly credential-report review' },
  { href: '/sync', label: 'Sync', description: 'Sync runs and source freshness' },
] as const;

// Shown to admins only, for convenience: the server refuses these screens to everyone else.
export const adminScreens = [
  { href: '/admin/accounts', label: 'Accounts', description: 'The AWS accounts Warden reads' },
  { href: '/admin/users', label: 'Users', description: 'Who can sign in, with which role' },
  { href: '/admin/tokens', label: 'API tokens', description: 'Tokens for pipelines and scripts' },
  { href: '/admin/settings', label: 'Settings', description: 'Checklist thresholds and sync schedule' },
  { href: '/admin/audit', label: 'Audit log', description: 'Every state-changing action' },
] as const;

function NavList({ items, pathname }: { items: readonly { href: string; label: string }[]; pathname: string }) {
  return (
    <ul className="flex flex-col gap-1">
      {items.map((s) => {
        const active = s.href === '/' ? pathname === '/' : pathname.startsWith(s.href);
        return (
          <li key={s.href}>
            <Link
              href={s.href}
              aria-current={active ? 'page' : undefined}
              className={`block rounded-md px-3 py-2 text-sm font-medium transition-colors ${
                active ? 'bg-slate-800 text-white' : 'text-slate-300 hover:bg-slate-800/60 hover:text-white'
              }`}
            >
              {s.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function NavLinks({ admin = false }: { admin?: boolean }) {
  const pathname = usePathname();
  return (
    <>
      <NavList items={screens} pathname={pathname} />
      {admin ? (
        <>
          <p className="mb-1 mt-6 px-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Administration</p>
          <NavList items={adminScreens} pathname={pathname} />
        </>
      ) : null}
    </>
  );
}
