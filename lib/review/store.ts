import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { isCredentialSentinel, type CredentialEntry, type CredentialSentinel } from '@/lib/credential-report/parse';
import type { CredentialReportEntry } from '@/lib/generated/prisma/client';
import { agendaReasonSchema, type AgendaReason } from '@/lib/review/schema';
import { isoDate } from '@/lib/dates';

// Reading the review's inputs from the store: credential-report snapshots as the pure modules'
// CredentialEntry rows, and the JSON columns of the review tables, checked.

export interface StoredReport {
  snapshotId: string;
  takenAt: Date;
  /** GetCredentialReport's GeneratedTime (the snapshot's time when not recorded). */
  generatedAt: Date;
  entries: CredentialEntry[];
}

const sentinel = (value: string | null): CredentialSentinel | null => (isCredentialSentinel(value) ? value : null);

export function toCredentialEntry(row: CredentialReportEntry): CredentialEntry {
  return {
    isRoot: row.isRoot,
    user: row.user,
    arn: row.arn,
    userCreationTime: row.userCreationTime,
    passwordEnabled: row.passwordEnabled,
    passwordEnabledSentinel: sentinel(row.passwordEnabledSentinel),
    passwordLastUsed: row.passwordLastUsed,
    passwordLastUsedSentinel: sentinel(row.passwordLastUsedSentinel),
    passwordLastChanged: row.passwordLastChanged,
    passwordLastChangedSentinel: sentinel(row.passwordLastChangedSentinel),
    passwordNextRotation: row.passwordNextRotation,
    passwordNextRotationSentinel: sentinel(row.passwordNextRotationSentinel),
    mfaActive: row.mfaActive,
    accessKey1Active: row.accessKey1Active,
    accessKey1LastRotated: row.accessKey1LastRotated,
    accessKey1LastRotatedSentinel: sentinel(row.accessKey1LastRotatedSentinel),
    accessKey1LastUsedDate: row.accessKey1LastUsedDate,
    accessKey1LastUsedDateSentinel: sentinel(row.accessKey1LastUsedDateSentinel),
    accessKey1LastUsedRegion: row.accessKey1LastUsedRegion,
    accessKey1LastUsedRegionSentinel: sentinel(row.accessKey1LastUsedRegionSentinel),
    accessKey1LastUsedService: row.accessKey1LastUsedService,
    accessKey1LastUsedServiceSentinel: sentinel(row.accessKey1LastUsedServiceSentinel),
    accessKey2Active: row.accessKey2Active,
    accessKey2LastRotated: row.accessKey2LastRotated,
    accessKey2LastRotatedSentinel: sentinel(row.accessKey2LastRotatedSentinel),
    accessKey2LastUsedDate: row.accessKey2LastUsedDate,
    accessKey2LastUsedDateSentinel: sentinel(row.accessKey2LastUsedDateSentinel),
    accessKey2LastUsedRegion: row.accessKey2LastUsedRegion,
    accessKey2LastUsedRegionSentinel: sentinel(row.accessKey2LastUsedRegionSentinel),
    accessKey2LastUsedService: row.accessKey2LastUsedService,
    accessKey2LastUsedServiceSentinel: sentinel(row.accessKey2LastUsedServiceSentinel),
    cert1Active: row.cert1Active,
    cert1LastRotated: row.cert1LastRotated,
    cert1LastRotatedSentinel: sentinel(row.cert1LastRotatedSentinel),
    cert2Active: row.cert2Active,
    cert2LastRotated: row.cert2LastRotated,
    cert2LastRotatedSentinel: sentinel(row.cert2LastRotatedSentinel),
  };
}

const metaSchema = z.object({ generatedAt: z.string().optional(), demoHistory: z.boolean().optional() }).catch({});

export function reportTime(snapshot: { takenAt: Date; meta: unknown }): Date {
  const generated = metaSchema.parse(snapshot.meta).generatedAt;
  const date = generated ? new Date(generated) : null;
  return date && !Number.isNaN(date.getTime()) ? date : snapshot.takenAt;
}

/** Loads credential-report snapshots, each once per call of the returned function. */
export function reportLoader(): (snapshotId: string) => Promise<StoredReport> {
  const cache = new Map<string, Promise<StoredReport>>();
  return (snapshotId) => {
    let report = cache.get(snapshotId);
    if (!report) {
      report = (async () => {
        const snapshot = await db.snapshot.findUniqueOrThrow({ where: { id: snapshotId }, select: { id: true, takenAt: true, meta: true } });
        const rows = await db.credentialReportEntry.findMany({ where: { snapshotId }, orderBy: { user: 'asc' } });
        return { snapshotId, takenAt: snapshot.takenAt, generatedAt: reportTime(snapshot), entries: rows.map(toCredentialEntry) };
      })();
      cache.set(snapshotId, report);
    }
    return report;
  };
}

export function newestCredentialReport(accountId: string) {
  return db.snapshot.findFirst({
    where: { accountId, source: 'credential-report' },
    orderBy: { takenAt: 'desc' },
    select: { id: true, takenAt: true, meta: true },
  });
}

export function readReasons(value: unknown): AgendaReason[] {
  const parsed = z.array(agendaReasonSchema).safeParse(value);
  return parsed.success ? parsed.data : [];
}

export function readNames(value: unknown): string[] {
  const parsed = z.array(z.string()).safeParse(value);
  return parsed.success ? parsed.data : [];
}

export function isoDayOrNull(date: Date | null): string | null {
  return date === null ? null : isoDate(date);
}
