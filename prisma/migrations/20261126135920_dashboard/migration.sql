-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN "sourceKey" TEXT;

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "sourceKey" TEXT;

-- CreateTable
CREATE TABLE "DashboardLogin" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "personId" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DashboardSession" (
    "idHash" TEXT NOT NULL PRIMARY KEY,
    "personId" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PendampingInvite" (
    "codeHash" TEXT NOT NULL PRIMARY KEY,
    "wksbmId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Pendamping" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "wksbmId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "invitedById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" DATETIME,
    "removedById" INTEGER
);

-- CreateIndex
CREATE INDEX "DashboardLogin_personId_idx" ON "DashboardLogin"("personId");

-- CreateIndex
CREATE INDEX "DashboardSession_personId_idx" ON "DashboardSession"("personId");

-- CreateIndex
CREATE INDEX "PendampingInvite_wksbmId_idx" ON "PendampingInvite"("wksbmId");

-- CreateIndex
CREATE INDEX "Pendamping_personId_idx" ON "Pendamping"("personId");

-- CreateIndex
CREATE INDEX "Pendamping_wksbmId_idx" ON "Pendamping"("wksbmId");

