// GET /api/health — liveness and readiness. Anyone (a load balancer) gets only { status }; a
// signed-in admin also gets the version, mode, database and migration state, whose errors could
// tell an outsider what to attack.
import { handle } from '@/lib/http';
import { requestIdentity } from '@/lib/auth/request-context';
import { roleAtLeast } from '@/lib/auth/roles';
import { checkHealth } from '@/lib/health/queries';
import type { PublicHealth } from '@/lib/health/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => {
  const health = await checkHealth();
  const identity = requestIdentity();
  const admin = identity !== undefined && roleAtLeast(identity.role, 'admin');
  const body: PublicHealth = admin ? health : { status: health.status };
  return Response.json(body, { status: health.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
});
