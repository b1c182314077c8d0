-- CreateIndex
CREATE INDEX "SyncSourceRun_accountId_source_startedAt_idx" ON "SyncSourceRun"("accountId", "source", "startedAt");

-- CreateIndex
CREATE INDEX "SyncSourceRun_accountId_source_status_finishedAt_idx" ON "SyncSourceRun"("accountId", "source", "status", "finishedAt");
