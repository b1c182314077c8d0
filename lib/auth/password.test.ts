import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, passwordProblem, verifyAgainstNothing, verifyPassword } from '@/lib/auth/password';

test('a password hashes to scrypt with its parameters and salt, and verifies', async () => {
  const hash = await hashPassword('correct horse battery staple');
  assert.match(hash, /^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
  assert.equal(await verifyPassword('correct horse battery staple', hash), true);
});

test('a wrong password, a changed letter or a truncated one is rejected', async () => {
  const hash = await hashPassword('correct horse battery staple');
  assert.equal(await verifyPassword('correct horse battery stapler', hash), false);
  assert.equal(await verifyPassword('Correct horse battery staple', hash), false);
  assert.equal(await verifyPassword('', hash), false);
});

test('the same password hashes differently each time (random salt)', async () => {
  const [a, b] = await Promise.all([hashPassword('same password here'), hashPassword('same password here')]);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword('same password here', b), true);
});

test('stored values that are not such a hash, or tampered, never verify', async () => {
  const hash = await hashPassword('correct horse battery staple');
  const parts = hash.split('$');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  key[0] = (key[0] ?? 0) ^ 1;
  assert.equal(await verifyPassword('correct horse battery staple', [...parts.slice(0, 5), key.toString('base64')].join('$')), false);
  assert.equal(await verifyPassword('x', 'correct horse battery staple'), false);
  assert.equal(await verifyPassword('x', ''), false);
  assert.equal(await verifyPassword('x', 'bcrypt$2b$10$abc'), false);
  // Absurd parameters are refused rather than computed.
  assert.equal(await verifyPassword('x', `scrypt$${2 ** 30}$8$1$${parts[4]}$${parts[5]}`), false);
  assert.equal(await verifyAgainstNothing('anything'), false);
});

test('password rules: at least 12 characters, at most 256, not blank', () => {
  assert.match(passwordProblem('short') ?? '', /at least 12/);
  assert.match(passwordProblem(' '.repeat(20)) ?? '', /blank/);
  assert.match(passwordProblem('x'.repeat(300)) ?? '', /at most 256/);
  assert.equal(passwordProblem('a long enough passphrase'), null);
});
