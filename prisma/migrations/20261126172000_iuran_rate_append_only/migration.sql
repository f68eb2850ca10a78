-- DropIndex
DROP INDEX "IuranRate_iuranId_fromPeriod_key";

-- CreateIndex
CREATE INDEX "IuranRate_iuranId_fromPeriod_idx" ON "IuranRate"("iuranId", "fromPeriod");

