-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" JSONB NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "access" TEXT NOT NULL,
    "roleArn" TEXT,
    "externalId" TEXT,
    "isOwn" BOOLEAN NOT NULL DEFAULT true,
    "regions" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "managedBy" TEXT NOT NULL DEFAULT 'config',
    "addedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Account" ("access", "createdAt", "enabled", "externalId", "id", "isOwn", "name", "regions", "roleArn", "updatedAt") SELECT "access", "createdAt", "enabled", "externalId", "id", "isOwn", "name", "regions", "roleArn", "updatedAt" FROM "Account";
DROP TABLE "Account";
ALTER TABLE "new_Account" RENAME TO "Account";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
