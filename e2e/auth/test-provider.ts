import type { Server } from 'node:http';
import Provider from 'oidc-provider';

// A real OpenID Connect provider (the oidc-provider package) on loopback, for the sign-in journeys:
// its development login form accepts any login name, and these people's groups come back in the
// `groups` claim (from the userinfo endpoint, as many providers do). Signing out at the provider
// ends the person's Warden sessions through back-channel logout.

export const people: Record<string, { name: string; email: string; groups: string[] }> = {
  'ada.lovelace': { name: 'Ada Lovelace', email: 'ada.lovelace@example.test', groups: ['everyone', 'sec-team'] },
  'grace.hopper': { name: 'Grace Hopper', email: 'grace.hopper@example.test', groups: ['sec-admins'] },
  'eve.outsider': { name: 'Eve Outsider', email: 'eve.outsider@example.test', groups: ['everyone', 'marketing'] },
};

export type TestProvider = { issuer: string; close: () => Promise<void> };

export async function startTestProvider(): Promise<TestProvider> {
  const port = Number(process.env.WARDEN_E2E_OIDC_PORT);
  const appPort = process.env.WARDEN_E2E_AUTH_PORT;
  if (!port || !appPort) throw new Error('WARDEN_E2E_OIDC_PORT and WARDEN_E2E_AUTH_PORT are set by playwright.config.ts');
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'warden-e2e',
        client_secret: 'e2e-client-secret-not-used-elsewhere',
        redirect_uris: [`http://127.0.0.1:${appPort}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        // Signing out here tells Warden at once (OpenID Connect Back-Channel Logout).
        backchannel_logout_uri: `http://127.0.0.1:${appPort}/api/auth/oidc/backchannel-logout`,
      },
    ],
    features: { backchannelLogout: { enabled: true } },
    // oidc-provider refuses outgoing calls to loopback addresses (SSRF protection); Warden runs on
    // loopback in these tests, so its back-channel logout call goes out without that check.
    fetch: (url, options) => {
      const { dispatcher: _ssrfGuard, ...rest } = options as RequestInit & { dispatcher?: unknown };
      return fetch(url, rest);
    },
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    cookies: { keys: ['e2e-cookie-signing-key'] },
    findAccount: (_ctx, id) => {
      const person = people[id];
      if (!person) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: person.name, email: person.email, email_verified: true, groups: person.groups }) };
    },
  });
  provider.on('backchannel.error', (_ctx: unknown, error: Error) => console.error(`[test provider] back-channel logout failed: ${error.message}`));
  provider.on('backchannel.success', () => console.log('[test provider] back-channel logout sent'));
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(port, '127.0.0.1', () => resolve(s));
  });
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
