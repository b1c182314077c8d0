-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "context" JSONB,
ADD COLUMN     "scheduledFor" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncSourceRun" ADD COLUMN     "incomplete" BOOLEAN NOT NULL DEFAULT false;

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
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SyncRunAccount_pkey" PRIMARY KEY ("runId","accountId")
);

-- CreateIndex
CREATE INDEX "SyncRunAccount_runId_status_idx" ON "SyncRunAccount"("runId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SyncRun_scheduledFor_key" ON "SyncRun"("scheduledFor");

-- AddForeignKey
ALTER TABLE "SyncRunAccount" ADD CONSTRAINT "SyncRunAccount_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
