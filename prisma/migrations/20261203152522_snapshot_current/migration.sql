-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Snapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "runId" TEXT,
    "takenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "meta" JSONB NOT NULL DEFAULT '{}',
    "missingPermissions" JSONB NOT NULL DEFAULT '[]',
    "current" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Snapshot_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Snapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Snapshot" ("accountId", "id", "meta", "missingPermissions", "runId", "source", "takenAt") SELECT "accountId", "id", "meta", "missingPermissions", "runId", "source", "takenAt" FROM "Snapshot";
DROP TABLE "Snapshot";
ALTER TABLE "new_Snapshot" RENAME TO "Snapshot";
CREATE INDEX "Snapshot_accountId_source_takenAt_idx" ON "Snapshot"("accountId", "source", "takenAt");
CREATE INDEX "Snapshot_source_current_idx" ON "Snapshot"("source", "current");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The newest snapshot of each account and source is its current one.
UPDATE "Snapshot" SET "current" = 1 WHERE "id" IN (
    SELECT s."id" FROM "Snapshot" s
    JOIN (SELECT "accountId", "source", MAX("takenAt") AS "newest" FROM "Snapshot" GROUP BY "accountId", "source") n
      ON n."accountId" = s."accountId" AND n."source" = s."source" AND n."newest" = s."takenAt"
);
