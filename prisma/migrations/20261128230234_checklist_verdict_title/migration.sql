-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChecklistVerdict" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "checklistRunId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "verdict" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "remedy" JSONB NOT NULL,
    "references" JSONB NOT NULL,
    "thresholds" JSONB NOT NULL,
    "missingPermissions" JSONB NOT NULL DEFAULT '[]',
    "since" DATETIME NOT NULL,
    CONSTRAINT "ChecklistVerdict_checklistRunId_fkey" FOREIGN KEY ("checklistRunId") REFERENCES "ChecklistRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ChecklistVerdict" ("checklistRunId", "evidence", "id", "missingPermissions", "number", "references", "remedy", "severity", "since", "slug", "summary", "thresholds", "verdict") SELECT "checklistRunId", "evidence", "id", "missingPermissions", "number", "references", "remedy", "severity", "since", "slug", "summary", "thresholds", "verdict" FROM "ChecklistVerdict";
DROP TABLE "ChecklistVerdict";
ALTER TABLE "new_ChecklistVerdict" RENAME TO "ChecklistVerdict";
CREATE INDEX "ChecklistVerdict_slug_idx" ON "ChecklistVerdict"("slug");
CREATE UNIQUE INDEX "ChecklistVerdict_checklistRunId_slug_key" ON "ChecklistVerdict"("checklistRunId", "slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
