-- CreateTable
CREATE TABLE "Arisan" (
    "id" SERIAL NOT NULL,
    "wksbmId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "contribution" BIGINT NOT NULL,
    "frequency" TEXT NOT NULL,
    "fundId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Arisan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArisanMix" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArisanMix_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArisanPayment" (
    "id" SERIAL NOT NULL,
    "arisanId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "shareId" INTEGER NOT NULL,
    "entryId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArisanPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArisanRound" (
    "id" SERIAL NOT NULL,
    "arisanId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "cycle" INTEGER NOT NULL,
    "list" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "commitment" TEXT NOT NULL,
    "committedById" INTEGER NOT NULL,
    "committedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArisanRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArisanShare" (
    "id" SERIAL NOT NULL,
    "arisanId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "addedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArisanShare_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArisanWin" (
    "id" SERIAL NOT NULL,
    "roundId" INTEGER NOT NULL,
    "arisanId" INTEGER NOT NULL,
    "cycle" INTEGER NOT NULL,
    "shareId" INTEGER NOT NULL,
    "pot" BIGINT NOT NULL,
    "entryId" INTEGER,
    "drawnById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArisanWin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DukaEvent" (
    "id" SERIAL NOT NULL,
    "wksbmId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "diedOn" TEXT NOT NULL,
    "address" TEXT,
    "form" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DukaEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DukaSantunan" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "entryId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DukaSantunan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Arisan_fundId_key" ON "Arisan"("fundId");

-- CreateIndex
CREATE UNIQUE INDEX "Arisan_wksbmId_name_key" ON "Arisan"("wksbmId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ArisanMix_roundId_personId_key" ON "ArisanMix"("roundId", "personId");

-- CreateIndex
CREATE INDEX "ArisanPayment_arisanId_round_idx" ON "ArisanPayment"("arisanId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "ArisanPayment_shareId_round_key" ON "ArisanPayment"("shareId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "ArisanRound_arisanId_number_key" ON "ArisanRound"("arisanId", "number");

-- CreateIndex
CREATE INDEX "ArisanShare_personId_idx" ON "ArisanShare"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "ArisanShare_arisanId_number_key" ON "ArisanShare"("arisanId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ArisanWin_roundId_key" ON "ArisanWin"("roundId");

-- CreateIndex
CREATE UNIQUE INDEX "ArisanWin_entryId_key" ON "ArisanWin"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "ArisanWin_arisanId_cycle_shareId_key" ON "ArisanWin"("arisanId", "cycle", "shareId");

-- CreateIndex
CREATE UNIQUE INDEX "DukaEvent_wksbmId_number_key" ON "DukaEvent"("wksbmId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "DukaSantunan_entryId_key" ON "DukaSantunan"("entryId");

-- CreateIndex
CREATE INDEX "DukaSantunan_eventId_idx" ON "DukaSantunan"("eventId");

-- AddForeignKey
ALTER TABLE "ArisanMix" ADD CONSTRAINT "ArisanMix_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ArisanRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArisanPayment" ADD CONSTRAINT "ArisanPayment_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "ArisanShare"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArisanRound" ADD CONSTRAINT "ArisanRound_arisanId_fkey" FOREIGN KEY ("arisanId") REFERENCES "Arisan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArisanShare" ADD CONSTRAINT "ArisanShare_arisanId_fkey" FOREIGN KEY ("arisanId") REFERENCES "Arisan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArisanWin" ADD CONSTRAINT "ArisanWin_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ArisanRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DukaSantunan" ADD CONSTRAINT "DukaSantunan_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "DukaEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

