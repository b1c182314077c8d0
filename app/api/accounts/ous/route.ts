// GET /api/accounts/ous — the OU paths that hold accounts, in tree order, with how many accounts
// each holds (with its sub-OUs, and directly): the screens' OU filters.
import { handle } from '@/lib/http';
import { listOus } from '@/lib/accounts/queries';
import type { OuList } from '@/lib/accounts/schema';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => Response.json((await listOus()) satisfies OuList));
