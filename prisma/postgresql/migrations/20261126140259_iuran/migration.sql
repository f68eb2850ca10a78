-- CreateTable
CREATE TABLE "Household" (
    "id" SERIAL NOT NULL,
    "wksbmId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "since" TEXT NOT NULL,
    "leftOn" TEXT,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdMember" (
    "id" SERIAL NOT NULL,
    "wksbmId" INTEGER NOT NULL,
    "householdId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "addedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HouseholdMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Iuran" (
    "id" SERIAL NOT NULL,
    "wksbmId" INTEGER NOT NULL,
    "fundId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "reminderDay" INTEGER,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Iuran_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IuranAccount" (
    "id" SERIAL NOT NULL,
    "wksbmId" INTEGER NOT NULL,
    "iuranId" INTEGER NOT NULL,
    "householdId" INTEGER NOT NULL,
    "paid" BIGINT NOT NULL DEFAULT 0,
    "allocated" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "IuranAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IuranAllocation" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "paymentId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IuranAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IuranPayment" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "entryId" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "reversesId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IuranPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IuranRate" (
    "id" SERIAL NOT NULL,
    "iuranId" INTEGER NOT NULL,
    "fromPeriod" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IuranRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IuranReminderRun" (
    "id" SERIAL NOT NULL,
    "iuranId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "planned" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IuranReminderRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IuranSettings" (
    "wksbmId" INTEGER NOT NULL,
    "showNames" BOOLEAN NOT NULL DEFAULT false,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IuranSettings_pkey" PRIMARY KEY ("wksbmId")
);

-- CreateTable
CREATE TABLE "PendingSetoran" (
    "submissionId" INTEGER NOT NULL,
    "householdId" INTEGER,
    "notifyChat" TEXT,

    CONSTRAINT "PendingSetoran_pkey" PRIMARY KEY ("submissionId")
);

-- CreateIndex
CREATE INDEX "Household_wksbmId_idx" ON "Household"("wksbmId");

-- CreateIndex
CREATE INDEX "HouseholdMember_householdId_idx" ON "HouseholdMember"("householdId");

-- CreateIndex
CREATE UNIQUE INDEX "HouseholdMember_wksbmId_personId_key" ON "HouseholdMember"("wksbmId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Iuran_fundId_key" ON "Iuran"("fundId");

-- CreateIndex
CREATE INDEX "Iuran_wksbmId_idx" ON "Iuran"("wksbmId");

-- CreateIndex
CREATE INDEX "IuranAccount_wksbmId_idx" ON "IuranAccount"("wksbmId");

-- CreateIndex
CREATE UNIQUE INDEX "IuranAccount_iuranId_householdId_key" ON "IuranAccount"("iuranId", "householdId");

-- CreateIndex
CREATE INDEX "IuranAllocation_paymentId_idx" ON "IuranAllocation"("paymentId");

-- CreateIndex
CREATE INDEX "IuranAllocation_accountId_idx" ON "IuranAllocation"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "IuranPayment_reversesId_key" ON "IuranPayment"("reversesId");

-- CreateIndex
CREATE INDEX "IuranPayment_entryId_idx" ON "IuranPayment"("entryId");

-- CreateIndex
CREATE INDEX "IuranPayment_accountId_idx" ON "IuranPayment"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "IuranRate_iuranId_fromPeriod_key" ON "IuranRate"("iuranId", "fromPeriod");

-- CreateIndex
CREATE UNIQUE INDEX "IuranReminderRun_iuranId_period_key" ON "IuranReminderRun"("iuranId", "period");

-- AddForeignKey
ALTER TABLE "HouseholdMember" ADD CONSTRAINT "HouseholdMember_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IuranRate" ADD CONSTRAINT "IuranRate_iuranId_fkey" FOREIGN KEY ("iuranId") REFERENCES "Iuran"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

