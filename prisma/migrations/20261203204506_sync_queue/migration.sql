-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN "context" JSONB;
ALTER TABLE "SyncRun" ADD COLUMN "scheduledFor" DATETIME;

-- CreateTable
CREATE TABLE "SyncRunAccount" (
    "runId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "access" TEXT NOT NULL,
    "roleArn" TEXT,
    "externalId" TEXT,
    "isOwn" BOOLEAN NOT NULL,
    "managedBy" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "failed" BOOLEAN NOT NULL DEFAULT false,
    "ok" BOOLEAN NOT NULL DEFAULT false,
    "incomplete" BOOLEAN NOT NULL DEFAULT false,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "apiCalls" INTEGER NOT NULL DEFAULT 0,
    "worker" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,

    PRIMARY KEY ("runId", "accountId"),
    CONSTRAINT "SyncRunAccount_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SyncSourceRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "apiCalls" INTEGER NOT NULL DEFAULT 0,
    "records" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "errorCode" TEXT,
    "missingPermissions" JSONB NOT NULL DEFAULT '[]',
    "snapshotId" TEXT,
    "incomplete" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "SyncSourceRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SyncSourceRun_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_SyncSourceRun" ("accountId", "apiCalls", "error", "errorCode", "finishedAt", "id", "missingPermissions", "records", "runId", "snapshotId", "source", "startedAt", "status") SELECT "accountId", "apiCalls", "error", "errorCode", "finishedAt", "id", "missingPermissions", "records", "runId", "snapshotId", "source", "startedAt", "status" FROM "SyncSourceRun";
DROP TABLE "SyncSourceRun";
ALTER TABLE "new_SyncSourceRun" RENAME TO "SyncSourceRun";
CREATE INDEX "SyncSourceRun_accountId_source_finishedAt_idx" ON "SyncSourceRun"("accountId", "source", "finishedAt");
CREATE INDEX "SyncSourceRun_accountId_source_startedAt_idx" ON "SyncSourceRun"("accountId", "source", "startedAt");
CREATE INDEX "SyncSourceRun_accountId_source_status_finishedAt_idx" ON "SyncSourceRun"("accountId", "source", "status", "finishedAt");
CREATE UNIQUE INDEX "SyncSourceRun_runId_accountId_source_key" ON "SyncSourceRun"("runId", "accountId", "source");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SyncRunAccount_runId_status_idx" ON "SyncRunAccount"("runId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SyncRun_scheduledFor_key" ON "SyncRun"("scheduledFor");
