-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "wksbmId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "rule" TEXT,
    "place" TEXT NOT NULL,
    "agenda" TEXT,
    "plannedUntil" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingAttendance" (
    "id" SERIAL NOT NULL,
    "occurrenceId" INTEGER NOT NULL,
    "personId" INTEGER,
    "name" TEXT NOT NULL,
    "recordedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingOccurrence" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "wksbmId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "slot" TIMESTAMP(3) NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL,
    "agenda" TEXT,
    "status" TEXT NOT NULL DEFAULT 'terjadwal',
    "cancelReason" TEXT,
    "minutes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingOccurrence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingRsvp" (
    "id" SERIAL NOT NULL,
    "occurrenceId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    "reason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingRsvp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" SERIAL NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "claimToken" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WksbmSettings" (
    "wksbmId" INTEGER NOT NULL,
    "reminders" TEXT NOT NULL,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WksbmSettings_pkey" PRIMARY KEY ("wksbmId")
);

-- CreateIndex
CREATE INDEX "Meeting_kind_endedAt_plannedUntil_idx" ON "Meeting"("kind", "endedAt", "plannedUntil");

-- CreateIndex
CREATE INDEX "Meeting_wksbmId_idx" ON "Meeting"("wksbmId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingAttendance_occurrenceId_name_key" ON "MeetingAttendance"("occurrenceId", "name");

-- CreateIndex
CREATE INDEX "MeetingOccurrence_wksbmId_startsAt_idx" ON "MeetingOccurrence"("wksbmId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingOccurrence_meetingId_slot_key" ON "MeetingOccurrence"("meetingId", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingOccurrence_wksbmId_number_key" ON "MeetingOccurrence"("wksbmId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRsvp_occurrenceId_personId_key" ON "MeetingRsvp"("occurrenceId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Outbox_dedupeKey_key" ON "Outbox"("dedupeKey");

-- CreateIndex
CREATE INDEX "Outbox_subject_status_idx" ON "Outbox"("subject", "status");

-- CreateIndex
CREATE INDEX "Outbox_status_nextAttemptAt_idx" ON "Outbox"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "MeetingOccurrence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingOccurrence" ADD CONSTRAINT "MeetingOccurrence_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRsvp" ADD CONSTRAINT "MeetingRsvp_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "MeetingOccurrence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

