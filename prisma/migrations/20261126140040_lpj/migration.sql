-- CreateTable
CREATE TABLE "WksbmProfile" (
    "wksbmId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "desa" TEXT,
    "kecamatan" TEXT,
    "kabupaten" TEXT,
    "ketuaName" TEXT,
    "bendaharaName" TEXT,
    "autoMonthly" BOOLEAN NOT NULL DEFAULT true,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "LedgerEntry_wksbmId_createdAt_idx" ON "LedgerEntry"("wksbmId", "createdAt");

