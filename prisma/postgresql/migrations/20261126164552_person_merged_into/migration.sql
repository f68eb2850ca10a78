-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "mergedIntoId" INTEGER;

