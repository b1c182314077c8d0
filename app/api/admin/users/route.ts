// GET /api/admin/users — everyone who can sign in, with role, source and sessions.
// POST /api/admin/users — create a local account with a role and an initial password.
import { currentActor } from '@/lib/actor';
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { createUserSchema } from '@/lib/auth/schema';
import { createLocalUser, listUsers } from '@/lib/auth/users';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => Response.json({ users: await listUsers() }));

export const POST = handle(async (request: Request) => {
  const input = parseOrThrow(createUserSchema, await readJson(request));
  const user = await createLocalUser(input, currentActor());
  return Response.json({ id: user.id, name: user.name, role: user.role }, { status: 201 });
});
