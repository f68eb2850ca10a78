-- CreateTable
CREATE TABLE "WksbmProfile" (
    "wksbmId" INTEGER NOT NULL,
    "desa" TEXT,
    "kecamatan" TEXT,
    "kabupaten" TEXT,
    "ketuaName" TEXT,
    "bendaharaName" TEXT,
    "autoMonthly" BOOLEAN NOT NULL DEFAULT true,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WksbmProfile_pkey" PRIMARY KEY ("wksbmId")
);

-- CreateIndex
CREATE INDEX "LedgerEntry_wksbmId_createdAt_idx" ON "LedgerEntry"("wksbmId", "createdAt");

