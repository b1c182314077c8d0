-- AlterTable
ALTER TABLE "TrailEvent" ADD COLUMN "targetRoleArn" TEXT;
ALTER TABLE "TrailEvent" ADD COLUMN "userAccountId" TEXT;
