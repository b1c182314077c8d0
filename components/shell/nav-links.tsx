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

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-1">
      {screens.map((s) => {
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
