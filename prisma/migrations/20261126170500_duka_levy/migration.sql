-- CreateTable
CREATE TABLE "DukaLevySetting" (
    "wksbmId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "amount" BIGINT NOT NULL,
    "fundId" INTEGER NOT NULL,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DukaLevyPayment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "wksbmId" INTEGER NOT NULL,
    "householdId" INTEGER NOT NULL,
    "entryId" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "reversesId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DukaEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "wksbmId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "diedOn" TEXT NOT NULL,
    "address" TEXT,
    "form" TEXT NOT NULL,
    "levy" BIGINT NOT NULL DEFAULT 0,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_DukaEvent" ("address", "createdAt", "createdById", "diedOn", "form", "id", "name", "number", "wksbmId") SELECT "address", "createdAt", "createdById", "diedOn", "form", "id", "name", "number", "wksbmId" FROM "DukaEvent";
DROP TABLE "DukaEvent";
ALTER TABLE "new_DukaEvent" RENAME TO "DukaEvent";
CREATE UNIQUE INDEX "DukaEvent_wksbmId_number_key" ON "DukaEvent"("wksbmId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DukaLevyPayment_reversesId_key" ON "DukaLevyPayment"("reversesId");

-- CreateIndex
CREATE INDEX "DukaLevyPayment_wksbmId_householdId_idx" ON "DukaLevyPayment"("wksbmId", "householdId");

-- CreateIndex
CREATE INDEX "DukaLevyPayment_entryId_idx" ON "DukaLevyPayment"("entryId");

