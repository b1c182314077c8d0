// GET /api/demo/sandbox — demo mode only, loopback callers only: where the built-in sandbox listens
// and the (generated) credentials it hands out, so end-to-end tests can check with the AWS SDK what
// Warden did in "AWS" and switch the sandbox's faults on. 404 in AWS mode and for remote callers.
import { ensureDemoSandbox } from '@/lib/demo/runtime';
import { resolveMode } from '@/lib/env';
import { HttpError, handle } from '@/lib/http';

export const dynamic = 'force-dynamic';

const loopback = (value: string) => /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/.test(value.trim().replace(/^\[|\]$/g, ''));

function isLoopbackRequest(request: Request): boolean {
  const host = new URL(request.url).hostname;
  if (!loopback(host)) return false;
  const forwarded = request.headers.get('x-forwarded-for');
  return forwarded === null || forwarded.split(',').every(loopback);
}

export const GET = handle(async (request: Request) => {
  if (resolveMode() !== 'demo' || !isLoopbackRequest(request)) throw new HttpError(404, 'not found');
  const { sandbox } = await ensureDemoSandbox();
  return Response.json({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    regions: sandbox.regions,
    credentials: sandbox.credentials,
    accounts: sandbox.accounts.map((a) => ({ id: a.id, name: a.name, usesBaseCredentials: a.usesBaseCredentials, roleArn: a.roleArn, externalId: a.externalId })),
  });
});
