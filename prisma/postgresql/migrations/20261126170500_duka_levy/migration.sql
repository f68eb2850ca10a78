-- AlterTable
ALTER TABLE "DukaEvent" ADD COLUMN     "levy" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "DukaLevyPayment" (
    "id" SERIAL NOT NULL,
    "wksbmId" INTEGER NOT NULL,
    "householdId" INTEGER NOT NULL,
    "entryId" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "reversesId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DukaLevyPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DukaLevySetting" (
    "wksbmId" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "fundId" INTEGER NOT NULL,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DukaLevySetting_pkey" PRIMARY KEY ("wksbmId")
);

-- CreateIndex
CREATE UNIQUE INDEX "DukaLevyPayment_reversesId_key" ON "DukaLevyPayment"("reversesId");

-- CreateIndex
CREATE INDEX "DukaLevyPayment_entryId_idx" ON "DukaLevyPayment"("entryId");

-- CreateIndex
CREATE INDEX "DukaLevyPayment_wksbmId_householdId_idx" ON "DukaLevyPayment"("wksbmId", "householdId");

