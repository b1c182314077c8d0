-- AlterTable
ALTER TABLE "ServiceControlPolicy" ADD COLUMN "attachment" JSONB;
