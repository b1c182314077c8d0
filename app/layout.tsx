import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { NavLinks } from '@/components/shell/nav-links';
import { ModeBanner } from '@/components/shell/mode-banner';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Warden', template: '%s · Warden' },
  description: 'IAM security posture of your AWS accounts',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <div className="flex min-h-screen">
            <nav aria-label="Main" className="no-print w-56 shrink-0 bg-slate-900 px-3 py-5">
              <div className="mb-6 flex items-center gap-2 px-3">
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src="/icon.svg" alt="" width={24} height={24} />
                <span className="text-lg font-semibold tracking-tight text-white">Warden</span>
              </div>
              <NavLinks />
            </nav>
            <div className="flex min-w-0 flex-1 flex-col">
              <ModeBanner />
              <main className="mx-auto w-full max-w-7xl flex-1 px-8 py-6">{children}</main>
            </div>
          </div>
        </Providers>
      </body>
    </html>
  );
}
