import 'server-only';
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Local account passwords: scrypt (Node's built-in, memory-hard) with OWASP's parameters
// (N=2^17, r=8, p=1: 128 MiB per hash), a random 16-byte salt and a 32-byte key. The parameters
// are stored with the hash, so they can be raised later without invalidating existing passwords.

const params = { N: 2 ** 17, r: 8, p: 1 } as const;
const keyLength = 32;

export const passwordMinLength = 12;
export const passwordMaxLength = 256;

// Each hash takes 128 MiB and a core for a moment: a burst of sign-ins (or guesses) must not take
// the server down. At most `concurrent` hashes run at once in this process; up to `queued` more
// wait their turn; beyond that the request is refused at once (503) instead of piling up.
export const passwordHashingLimits = { concurrent: 2, queued: 16 } as const;

/** Answered as 503 with Retry-After by `handle` (lib/http.ts). */
export class PasswordHashingBusyError extends Error {
  override name = 'PasswordHashingBusyError';
  readonly retryAfterSeconds = 5;
  constructor() {
    super('Too many sign-ins are being checked at this moment: try again in a few seconds.');
  }
}

type Slots = { active: number; waiting: (() => void)[] };
const slotHolder = globalThis as unknown as { wardenScryptSlots?: Slots };
const slots: Slots = (slotHolder.wardenScryptSlots ??= { active: 0, waiting: [] });

/** How many hashes are running and waiting right now (tests and diagnostics). */
export function passwordHashingLoad(): { active: number; waiting: number } {
  return { active: slots.active, waiting: slots.waiting.length };
}

async function withHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (slots.active >= passwordHashingLimits.concurrent) {
    if (slots.waiting.length >= passwordHashingLimits.queued) {
      throw new PasswordHashingBusyError();
    }
    await new Promise<void>((resolve) => slots.waiting.push(resolve));
  } else slots.active++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line (active stays the same), or is given back.
    const next = slots.waiting.shift();
    if (next) next();
    else slots.active--;
  }
}

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return withHashingSlot(
    () =>
      new Promise((resolve, reject) => {
        scryptCallback(password.normalize('NFKC'), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}

// 128 * N * r bytes, plus room: Node refuses above its 32 MiB default.
const maxmem = (n: number, r: number) => 256 * n * r;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, keyLength, { ...params, maxmem: maxmem(params.N, params.r) });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** False for a wrong password and for a stored value that is not a hash this code wrote. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (!n || !r || !p || n > 2 ** 20 || r > 32 || p > 16 || salt.length < 16 || expected.length < 16) return false;
  const key = await scrypt(password, salt, expected.length, { N: n, r, p, maxmem: maxmem(n, r) });
  return timingSafeEqual(key, expected);
}

/** Spends the same time as a real check, so an unknown user name does not answer faster. */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
}

export function passwordProblem(password: string): string | null {
  if (password.length < passwordMinLength) return `password: must be at least ${passwordMinLength} characters`;
  if (password.length > passwordMaxLength) return `password: must be at most ${passwordMaxLength} characters`;
  if (password.trim().length === 0) return 'password: must not be blank';
  return null;
}
