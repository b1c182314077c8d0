-- AlterTable
ALTER TABLE "Trail" ADD COLUMN "managementEvents" JSONB;
ALTER TABLE "Trail" ADD COLUMN "selectorsError" TEXT;
