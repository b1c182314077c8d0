// GET /api/admin/settings — every setting in effect, with its source, its default and whether an
// environment variable pins it; the next scheduled sync.
// PUT /api/admin/settings — change some settings (null resets one to its default); records who
// changed what, re-schedules the sync and re-evaluates every account's checklist.
import { currentActor } from '@/lib/actor';
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { settingsUpdateSchema } from '@/lib/settings/schema';
import { getSettingsView, saveSettings } from '@/lib/settings/queries';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => Response.json(await getSettingsView()));

export const PUT = handle(async (request: Request) => {
  const input = parseOrThrow(settingsUpdateSchema, await readJson(request));
  return Response.json(await saveSettings(input, currentActor()));
});
