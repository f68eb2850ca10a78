-- CreateTable
CREATE TABLE "Proof" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "wksbmId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BLOB NOT NULL,
    "addedById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Proof_sourceKey_key" ON "Proof"("sourceKey");

-- CreateIndex
CREATE INDEX "Proof_wksbmId_number_idx" ON "Proof"("wksbmId", "number");

-- CreateIndex
CREATE INDEX "LedgerEntry_sourceKey_idx" ON "LedgerEntry"("sourceKey");

-- CreateIndex
CREATE INDEX "Submission_sourceKey_idx" ON "Submission"("sourceKey");

