-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChecklistRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "runId" TEXT,
    "evaluatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "unknown" INTEGER NOT NULL,
    "notApplicable" INTEGER NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT false,
    "verdictMap" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "ChecklistRun_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ChecklistRun" ("accountId", "evaluatedAt", "failed", "id", "notApplicable", "passed", "runId", "unknown") SELECT "accountId", "evaluatedAt", "failed", "id", "notApplicable", "passed", "runId", "unknown" FROM "ChecklistRun";
DROP TABLE "ChecklistRun";
ALTER TABLE "new_ChecklistRun" RENAME TO "ChecklistRun";
CREATE INDEX "ChecklistRun_accountId_evaluatedAt_idx" ON "ChecklistRun"("accountId", "evaluatedAt");
CREATE INDEX "ChecklistRun_current_accountId_idx" ON "ChecklistRun"("current", "accountId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Each evaluation's verdicts by slug.
UPDATE "ChecklistRun" SET "verdictMap" = (
    SELECT json_group_object(v."slug", v."verdict") FROM "ChecklistVerdict" v WHERE v."checklistRunId" = "ChecklistRun"."id"
) WHERE EXISTS (SELECT 1 FROM "ChecklistVerdict" v WHERE v."checklistRunId" = "ChecklistRun"."id");

-- The newest evaluation of each account is its current one (of two at the same instant, one).
UPDATE "ChecklistRun" SET "current" = 1 WHERE "id" IN (
    SELECT MAX(r."id") FROM "ChecklistRun" r
    JOIN (SELECT "accountId", MAX("evaluatedAt") AS "newest" FROM "ChecklistRun" GROUP BY "accountId") n
      ON n."accountId" = r."accountId" AND n."newest" = r."evaluatedAt"
    GROUP BY r."accountId"
);
