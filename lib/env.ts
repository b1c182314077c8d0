import 'server-only';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

// Warden's configuration, parsed once from the environment. Every bad value fails start-up with
// a message that names the variable.

const csv = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p.length > 0),
  );

const positiveInt = (name: string) =>
  z.coerce.number({ error: `${name} must be a whole number` }).int(`${name} must be a whole number`).positive(`${name} must be positive`);

const regionList = csv.pipe(
  z.array(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'not an AWS region name such as us-east-1')).min(1),
);

const accountIdList = csv.pipe(z.array(z.string().regex(/^\d{12}$/, 'not a 12-digit AWS account id')));

const envSchema = z.object({
  DATABASE_URL: z.string().startsWith('file:', 'DATABASE_URL must be a file: URL (SQLite)').default('file:./data/warden.db'),
  WARDEN_MODE: z.enum(['auto', 'demo', 'aws']).default('auto'),
  WARDEN_REGIONS: regionList.optional(),
  AWS_REGION: z.string().optional(),
  AWS_DEFAULT_REGION: z.string().optional(),
  WARDEN_OWN_ACCOUNT_IDS: accountIdList.default([]),
  WARDEN_ACCOUNTS_FILE: z.string().optional(),
  WARDEN_SYNC_SCHEDULE: z.string().default('0 */6 * * *'),
  WARDEN_SYNC_ON_START: z.enum(['true', 'false']).default('true'),
  WARDEN_DEMO_SEED: positiveInt('WARDEN_DEMO_SEED').default(42),
  // Checklist thresholds (WARDEN_UNUSED_CREDENTIAL_DAYS …) are parsed by lib/checks/thresholds.ts.
});

export type WardenEnv = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseEnv(source: NodeJS.ProcessEnv): WardenEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return result.data;
}

let cached: WardenEnv | undefined;

export function env(): WardenEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The regions Warden reads: WARDEN_REGIONS, else the SDK's region, else us-east-1. */
export function configuredRegions(e: WardenEnv = env()): string[] {
  if (e.WARDEN_REGIONS) return e.WARDEN_REGIONS;
  const region = e.AWS_REGION ?? e.AWS_DEFAULT_REGION;
  return [region && region.length > 0 ? region : 'us-east-1'];
}

/**
 * Whether the standard AWS credential chain has something to work with. Instance and container
 * roles cannot be detected without a network call, so those deployments set WARDEN_MODE=aws.
 */
export function hasAwsCredentials(source: NodeJS.ProcessEnv = process.env): boolean {
  if (source.AWS_ACCESS_KEY_ID && source.AWS_SECRET_ACCESS_KEY) return true;
  if (source.AWS_PROFILE || source.AWS_WEB_IDENTITY_TOKEN_FILE) return true;
  if (source.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || source.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  const home = source.HOME ?? homedir();
  const credentialsFile = source.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials');
  const configFile = source.AWS_CONFIG_FILE ?? join(home, '.aws', 'config');
  return existsSync(/*turbopackIgnore: true*/ credentialsFile) || existsSync(/*turbopackIgnore: true*/ configFile);
}

export type WardenMode = 'demo' | 'aws';

export function resolveMode(e: WardenEnv = env(), source: NodeJS.ProcessEnv = process.env): WardenMode {
  if (e.WARDEN_MODE !== 'auto') return e.WARDEN_MODE;
  return hasAwsCredentials(source) ? 'aws' : 'demo';
}
