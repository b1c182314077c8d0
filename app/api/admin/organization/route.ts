// GET /api/admin/organization — organization discovery's settings in effect (member role name,
// whether an ExternalId is set — never the ExternalId —, excluded accounts and OUs) and which
// fields an environment variable pins.
// PUT /api/admin/organization — change some of them (null unsets one); a pinned field is refused
// with 409 naming its variable; recorded in the audit log (whether the ExternalId changed, not it).
import { currentActor } from '@/lib/actor';
import { HttpError, handle, parseOrThrow, readJson } from '@/lib/http';
import { organizationFieldNames, organizationSettingsUpdateSchema, withoutExternalId } from '@/lib/organization/schema';
import { organizationSettingsView, PinnedSettingError, saveOrganizationSettings } from '@/lib/organization/settings';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => Response.json(withoutExternalId(await organizationSettingsView())));

export const PUT = handle(async (request: Request) => {
  const update = parseOrThrow(organizationSettingsUpdateSchema, await readJson(request));
  try {
    return Response.json(withoutExternalId(await saveOrganizationSettings(update, currentActor(), organizationFieldNames)));
  } catch (error) {
    if (error instanceof PinnedSettingError) throw new HttpError(409, error.message, error.field);
    throw error;
  }
});
