import '@/lib/testing/test-store';
import '@/lib/testing/sign-in-required';
import { pinnedExcludedOu } from '@/lib/testing/pinned-exclude-ous';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { db } from '@/lib/db';
import { apiTokenFor, browserRequest, sessionCookieFor } from '@/lib/testing/auth-fixture';
import { effectiveOrganizationSettings } from '@/lib/organization/settings';
import { organizationSettingsPublicViewSchema, type OrganizationSettingsPublicView } from '@/lib/organization/schema';
import { GET as getOrganization, PUT as putOrganization } from '@/app/api/admin/organization/route';

// Organization discovery's settings as the Accounts screen calls them: admins only, signed in (no
// API tokens); the ExternalId goes in but never comes back out (nor into the audit log); a bad
// value gets 400 naming its field; a field WARDEN_… pins gets 409 naming the variable.

const secret = 'warden-external-2026';
let admin: { cookie: string; name: string };

beforeEach(async () => {
  await db.setting.deleteMany();
  admin ??= await sessionCookieFor('admin');
});

const put = (body: unknown, cookie = admin.cookie) => putOrganization(browserRequest('/api/admin/organization', { method: 'PUT', headers: { cookie }, body }));
const get = (cookie = admin.cookie) => getOrganization(browserRequest('/api/admin/organization', { headers: { cookie } }));
const answer = async (res: Response) => (await res.json()) as { error: string; field?: string };

async function view(res: Response): Promise<{ text: string; body: OrganizationSettingsPublicView }> {
  assert.equal(res.status, 200, await res.clone().text());
  const text = await res.text();
  return { text, body: organizationSettingsPublicViewSchema.parse(JSON.parse(text)) };
}

describe('GET /api/admin/organization', () => {
  test('the settings in effect, with the field the environment pins', async () => {
    const { body } = await view(await get());
    assert.deepEqual(body.settings, { memberRoleName: null, externalIdSet: false, excludedAccounts: [], excludedOus: [pinnedExcludedOu] });
    assert.deepEqual(body.envPinned, ['excludedOus']);
    assert.equal(body.updatedBy, null);
  });
});

describe('PUT /api/admin/organization', () => {
  test('an admin sets the member role, its ExternalId and excluded accounts; the ExternalId is never sent back nor audited', async () => {
    const saved = await view(await put({ memberRoleName: 'security/WardenAudit', externalId: secret, excludedAccounts: ['222222222222', '111111111111', '111111111111'] }));
    assert.deepEqual(saved.body.settings, {
      memberRoleName: 'security/WardenAudit',
      externalIdSet: true,
      excludedAccounts: ['111111111111', '222222222222'],
      excludedOus: [pinnedExcludedOu],
    });
    assert.equal(saved.body.updatedBy, admin.name);
    assert.doesNotMatch(saved.text, new RegExp(secret));
    const again = await view(await get());
    assert.equal(again.body.settings.externalIdSet, true);
    assert.doesNotMatch(again.text, new RegExp(secret));
    assert.equal((await effectiveOrganizationSettings()).externalId, secret, 'the sync gets it');

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'organization.update' }, orderBy: { at: 'desc' } });
    assert.equal(event.actor, admin.name);
    assert.doesNotMatch(JSON.stringify(event), new RegExp(secret));
    assert.match(JSON.stringify(event.details), /externalId/, 'the audit says the ExternalId changed');

    // Other fields change without touching it; null clears it.
    assert.equal((await view(await put({ excludedAccounts: [] }))).body.settings.externalIdSet, true);
    const cleared = await view(await put({ externalId: null }));
    assert.deepEqual([cleared.body.settings.externalIdSet, cleared.body.settings.memberRoleName], [false, 'security/WardenAudit']);
  });

  test('bad values get 400 naming the field; nothing is stored', async () => {
    const account = await put({ excludedAccounts: ['12345'] });
    assert.equal(account.status, 400);
    assert.deepEqual(await answer(account), { error: 'excludedAccounts.0: an excluded account must be a 12-digit AWS account id', field: 'excludedAccounts.0' });
    const role = await answer(await put({ memberRoleName: 'Warden Audit' }));
    assert.equal(role.field, 'memberRoleName');
    assert.match(role.error, /^memberRoleName: the member role name must be an IAM role name/);
    const external = await answer(await put({ externalId: 'x' }));
    assert.equal(external.field, 'externalId');
    const unknown = await put({ memberRole: 'WardenAudit' });
    assert.equal(unknown.status, 400);
    assert.match((await answer(unknown)).error, /memberRole/);
    assert.equal(await db.setting.count(), 0);
  });

  test('a field pinned by its environment variable gets 409 naming the variable', async () => {
    const res = await put({ excludedOus: [] });
    assert.equal(res.status, 409);
    assert.deepEqual(await answer(res), { error: 'excludedOus is set by WARDEN_EXCLUDE_OUS; change it there', field: 'excludedOus' });
    assert.equal(await db.setting.count(), 0);
  });

  test('only a signed-in admin: a triager is refused, so is an admin’s API token', async () => {
    const triager = await sessionCookieFor('triager');
    assert.equal((await get(triager.cookie)).status, 403);
    assert.equal((await put({ memberRoleName: 'WardenAudit' }, triager.cookie)).status, 403);
    const token = await apiTokenFor('admin');
    const viaToken = await putOrganization(
      new Request('http://warden.test/api/admin/organization', { method: 'PUT', headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' }, body: '{"memberRoleName":"WardenAudit"}' }),
    );
    assert.equal(viaToken.status, 403);
    assert.equal((await getOrganization(new Request('http://warden.test/api/admin/organization', { headers: { authorization: `Bearer ${token.token}` } }))).status, 403);
    assert.equal((await getOrganization(new Request('http://warden.test/api/admin/organization'))).status, 401);
    assert.equal(await db.setting.count(), 0);
  });
});
