import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { NavLinks } from '@/components/shell/nav-links';
import { ModeBanner } from '@/components/shell/mode-banner';
import { SessionPanel } from '@/components/auth/session-panel';
import { ViewerRoleProvider } from '@/components/auth/viewer-role';
import { currentViewer } from '@/lib/auth/server';
import { resolveMode } from '@/lib/env';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Warden', template: '%s · Warden' },
  description: 'IAM security posture of your AWS accounts',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Who is looking decides the frame: no navigation before sign-in (the sign-in and setup pages).
  const viewer = await currentViewer();
  if (!viewer) {
    return (
      <html lang="en">
        <body>
          <Providers>
            <main className="flex min-h-screen items-start justify-center bg-slate-100 px-4 py-16">{children}</main>
          </Providers>
        </body>
      </html>
    );
  }
  return (
    <html lang="en">
      <body>
        <Providers>
          <div className="flex min-h-screen">
            <nav aria-label="Main" className="no-print flex w-56 shrink-0 flex-col bg-slate-900 px-3 py-5">
              <div className="mb-6 flex items-center gap-2 px-3">
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src="/icon.svg" alt="" width={24} height={24} />
                <span className="text-lg font-semibold tracking-tight text-white">Warden</span>
              </div>
              <NavLinks admin={viewer.role === 'admin'} />
              <div className="sticky bottom-5 mt-auto pt-6">
                <SessionPanel viewer={viewer} />
              </div>
            </nav>
            <div className="flex min-w-0 flex-1 flex-col">
              <ModeBanner demo={resolveMode() === 'demo'} />
              <main className="mx-auto w-full max-w-7xl flex-1 px-8 py-6">
                <ViewerRoleProvider role={viewer.role}>{children}</ViewerRoleProvider>
              </main>
            </div>
          </div>
        </Providers>
      </body>
    </html>
  );
}
