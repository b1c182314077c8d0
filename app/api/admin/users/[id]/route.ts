// PATCH /api/admin/users/:id — change a user's role, disable or enable them, or reset a local
// account's password; their sessions end so the change applies at once.
import { currentActor } from '@/lib/actor';
import { handle, parseOrThrow, readJson } from '@/lib/http';
import { updateUserSchema } from '@/lib/auth/schema';
import { updateUser } from '@/lib/auth/users';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const PATCH = handle(async (request: Request, { params }: Context) => {
  const { id } = await params;
  const input = parseOrThrow(updateUserSchema, await readJson(request));
  const user = await updateUser(id, input, currentActor());
  return Response.json({ id: user.id, name: user.name, role: user.role, disabled: user.disabled });
});
