-- CreateTable
CREATE TABLE "WksbmSettings" (
    "wksbmId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reminders" TEXT NOT NULL,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "wksbmId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "rule" TEXT,
    "place" TEXT NOT NULL,
    "agenda" TEXT,
    "plannedUntil" DATETIME,
    "endedAt" DATETIME,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MeetingOccurrence" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingId" INTEGER NOT NULL,
    "wksbmId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "slot" DATETIME NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL,
    "agenda" TEXT,
    "status" TEXT NOT NULL DEFAULT 'terjadwal',
    "cancelReason" TEXT,
    "minutes" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeetingOccurrence_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingRsvp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "occurrenceId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    "reason" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MeetingRsvp_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "MeetingOccurrence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingAttendance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "occurrenceId" INTEGER NOT NULL,
    "personId" INTEGER,
    "name" TEXT NOT NULL,
    "recordedById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeetingAttendance_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "MeetingOccurrence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dedupeKey" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "notAfter" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "claimToken" TEXT,
    "claimedUntil" DATETIME,
    "sentAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Meeting_wksbmId_idx" ON "Meeting"("wksbmId");

-- CreateIndex
CREATE INDEX "Meeting_kind_endedAt_plannedUntil_idx" ON "Meeting"("kind", "endedAt", "plannedUntil");

-- CreateIndex
CREATE INDEX "MeetingOccurrence_wksbmId_startsAt_idx" ON "MeetingOccurrence"("wksbmId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingOccurrence_wksbmId_number_key" ON "MeetingOccurrence"("wksbmId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingOccurrence_meetingId_slot_key" ON "MeetingOccurrence"("meetingId", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRsvp_occurrenceId_personId_key" ON "MeetingRsvp"("occurrenceId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingAttendance_occurrenceId_name_key" ON "MeetingAttendance"("occurrenceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Outbox_dedupeKey_key" ON "Outbox"("dedupeKey");

-- CreateIndex
CREATE INDEX "Outbox_status_nextAttemptAt_idx" ON "Outbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Outbox_subject_status_idx" ON "Outbox"("subject", "status");

