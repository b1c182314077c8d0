-- AlterTable
ALTER TABLE "Account" ADD COLUMN "exclusion" TEXT;
ALTER TABLE "Account" ADD COLUMN "lastReachError" TEXT;
ALTER TABLE "Account" ADD COLUMN "orgSeenAt" DATETIME;
ALTER TABLE "Account" ADD COLUMN "orgStatus" TEXT;
ALTER TABLE "Account" ADD COLUMN "organizationId" TEXT;
ALTER TABLE "Account" ADD COLUMN "ouId" TEXT;
ALTER TABLE "Account" ADD COLUMN "ouPath" TEXT;

-- AlterTable
ALTER TABLE "Finding" ADD COLUMN "duplicateOf" TEXT;

-- CreateIndex
CREATE INDEX "Account_ouPath_idx" ON "Account"("ouPath");

-- CreateIndex
CREATE INDEX "Finding_duplicateOf_idx" ON "Finding"("duplicateOf");
