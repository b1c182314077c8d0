-- AlterTable
ALTER TABLE "Account" ADD COLUMN "enabledRegions" JSONB;
ALTER TABLE "Account" ADD COLUMN "regionDiscovery" JSONB;
