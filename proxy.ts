import { NextResponse, type NextRequest } from 'next/server';
import { authorize, type Denial } from '@/lib/auth/guard';
import { servedOverHttps } from '@/lib/auth/request-meta';
import { contentSecurityPolicy, nonceValue, securityHeaders } from '@/lib/auth/security-headers';

// Every request passes here first (Next 16's proxy, formerly middleware): security headers with a
// per-request CSP nonce, the cross-origin check for state-changing methods, and the access table
// (lib/auth/policy.ts) for every page and route handler — anything not listed is refused. Route
// handlers check the table again themselves (`handle` in lib/http.ts).

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function deniedPage(denial: Denial): string {
  const title = denial.status === 404 ? 'Not found' : denial.status === 405 ? 'Not allowed' : denial.status === 421 ? 'Wrong address' : 'No access';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Warden</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#0f172a"><h1 style="font-size:1.5rem">${title}</h1><p>${escapeHtml(denial.message)}</p><p><a href="/" style="color:#0369a1">Back to the overview</a></p></body></html>`;
}

function denialResponse(request: NextRequest, denial: Denial): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/api/')) {
    return NextResponse.json({ error: denial.message }, { status: denial.status, headers: denial.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {} });
  }
  if (denial.signIn) {
    const url = new URL('/sign-in', request.url);
    url.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(url, 303);
  }
  return new NextResponse(deniedPage(denial), { status: denial.status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}

export async function proxy(request: NextRequest) {
  const https = servedOverHttps(request.headers, request.url);
  const nonce = nonceValue();
  const { pathname } = request.nextUrl;
  // Next's build output (scripts, styles, fonts; in development its hot reload and error overlay):
  // public, and needs no database. Anything else under /_next (the image optimizer) goes through
  // the table, which does not list it.
  const dev = process.env.NODE_ENV === 'development';
  const asset = pathname.startsWith('/_next/static/') || (dev && (pathname.startsWith('/_next/') || pathname.startsWith('/__nextjs')));
  const csp = contentSecurityPolicy({ nonce, dev, https });
  let response: NextResponse;
  const { denial } = asset ? { denial: null } : await authorize(request.method, request.url, request.headers);
  if (denial) response = denialResponse(request, denial);
  else {
    const forwarded = new Headers(request.headers);
    // Next reads the nonce from the CSP request header and puts it on its own scripts.
    forwarded.set('Content-Security-Policy', csp);
    forwarded.set('x-nonce', nonce);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value);
  return response;
}
