import 'server-only';
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Local account passwords: scrypt (Node's built-in, memory-hard) with OWASP's parameters
// (N=2^17, r=8, p=1: 128 MiB per hash), a random 16-byte salt and a 32-byte key. The parameters
// are stored with the hash, so they can be raised later without invalidating existing passwords.

const params = { N: 2 ** 17, r: 8, p: 1 } as const;
const keyLength = 32;

export const passwordMinLength = 12;
export const passwordMaxLength = 256;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFKC'), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
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
