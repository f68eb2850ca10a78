-- AlterTable
ALTER TABLE "ArisanShare" ADD COLUMN     "leftAt" TIMESTAMP(3),
ADD COLUMN     "leftById" INTEGER;

-- CreateTable
CREATE TABLE "ArisanRepayment" (
    "id" SERIAL NOT NULL,
    "winId" INTEGER NOT NULL,
    "entryId" INTEGER NOT NULL,
    "paidById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArisanRepayment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ArisanRepayment_entryId_key" ON "ArisanRepayment"("entryId");

-- CreateIndex
CREATE INDEX "ArisanRepayment_winId_idx" ON "ArisanRepayment"("winId");

