// GET /api/health — liveness and readiness: version, mode, database reachable, migration state.
import { handle } from '@/lib/http';
import { checkHealth } from '@/lib/health/queries';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
});
