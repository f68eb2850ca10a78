-- AlterTable
ALTER TABLE "ArisanShare" ADD COLUMN "leftAt" DATETIME;
ALTER TABLE "ArisanShare" ADD COLUMN "leftById" INTEGER;

-- CreateTable
CREATE TABLE "ArisanRepayment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "winId" INTEGER NOT NULL,
    "entryId" INTEGER NOT NULL,
    "paidById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "ArisanRepayment_entryId_key" ON "ArisanRepayment"("entryId");

-- CreateIndex
CREATE INDEX "ArisanRepayment_winId_idx" ON "ArisanRepayment"("winId");

