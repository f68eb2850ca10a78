-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "sourceKey" TEXT;

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "sourceKey" TEXT;

-- CreateTable
CREATE TABLE "DashboardLogin" (
    "tokenHash" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DashboardLogin_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "DashboardSession" (
    "idHash" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DashboardSession_pkey" PRIMARY KEY ("idHash")
);

-- CreateTable
CREATE TABLE "Pendamping" (
    "id" SERIAL NOT NULL,
    "wksbmId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "invitedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMP(3),
    "removedById" INTEGER,

    CONSTRAINT "Pendamping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendampingInvite" (
    "codeHash" TEXT NOT NULL,
    "wksbmId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendampingInvite_pkey" PRIMARY KEY ("codeHash")
);

-- CreateIndex
CREATE INDEX "DashboardLogin_personId_idx" ON "DashboardLogin"("personId");

-- CreateIndex
CREATE INDEX "DashboardSession_personId_idx" ON "DashboardSession"("personId");

-- CreateIndex
CREATE INDEX "Pendamping_wksbmId_idx" ON "Pendamping"("wksbmId");

-- CreateIndex
CREATE INDEX "Pendamping_personId_idx" ON "Pendamping"("personId");

-- CreateIndex
CREATE INDEX "PendampingInvite_wksbmId_idx" ON "PendampingInvite"("wksbmId");

