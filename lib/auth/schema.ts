import { z } from 'zod';
import { isReservedName } from '@/lib/auth/reserved-names';
import { roleSchema } from '@/lib/auth/roles';

// Payloads of the sign-in, setup and administration routes, shared by the route handlers and the
// browser.

export const usernameSchema = z
  .string({ error: 'username: is required' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{1,63}$/, 'username: 2–64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit')
  .refine((name) => !isReservedName(name), 'username: this name is reserved for Warden’s own audit entries');

// Length rules live in lib/auth/password.ts (passwordProblem); here only what keeps a request sane.
const passwordField = z.string({ error: 'password: is required' }).min(1, 'password: is required').max(1000, 'password: is too long');

export const signInSchema = z.object({
  username: z.string({ error: 'username: is required' }).trim().toLowerCase().min(1, 'username: is required').max(200),
  password: passwordField,
});
export type SignInInput = z.infer<typeof signInSchema>;

export const setupSchema = z.object({
  token: z.string({ error: 'token: is required' }).trim().min(1, 'token: is required').max(200),
  username: usernameSchema,
  password: passwordField,
});
export type SetupInput = z.infer<typeof setupSchema>;

export const createUserSchema = z.object({ username: usernameSchema, role: roleSchema, password: passwordField });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional(), password: passwordField.optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined || v.password !== undefined, 'nothing to change: send role, disabled or password');
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** POST /api/auth/password — a signed-in person changes their own (local account) password. */
export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: 'currentPassword: is required' }).min(1, 'currentPassword: is required').max(1000, 'currentPassword: is too long'),
  newPassword: z.string({ error: 'newPassword: is required' }).min(1, 'newPassword: is required').max(1000, 'newPassword: is too long'),
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const createTokenSchema = z.object({
  name: z.string({ error: 'name: is required' }).trim().min(1, 'name: is required').max(80, 'name: at most 80 characters'),
  role: roleSchema,
  expiresInDays: z.number().int('expiresInDays: must be a whole number').min(1, 'expiresInDays: at least 1').max(3650, 'expiresInDays: at most 3650').nullable(),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const userRowSchema = z.object({
  id: z.string(),
  source: z.enum(['local', 'oidc']),
  name: z.string(),
  email: z.string().nullable(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.coerce.date(),
  lastSignInAt: z.coerce.date().nullable(),
  activeSessions: z.number().int(),
});
export type UserRow = z.infer<typeof userRowSchema>;
export const userListSchema = z.object({ users: z.array(userRowSchema) });

export const tokenRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.coerce.date(),
  expiresAt: z.coerce.date().nullable(),
  lastUsedAt: z.coerce.date().nullable(),
  revokedAt: z.coerce.date().nullable(),
  revokedBy: z.string().nullable(),
});
export type TokenRow = z.infer<typeof tokenRowSchema>;
export const tokenListSchema = z.object({ tokens: z.array(tokenRowSchema) });
export const tokenCreatedSchema = z.object({ token: z.string(), record: tokenRowSchema });
