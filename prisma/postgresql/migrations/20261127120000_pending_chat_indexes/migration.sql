-- Messages and updates not yet done, by chat, in partial indexes (Prisma 6 cannot declare these; see
-- the Outbox and InboxUpdate models). A claim looks for a chat's pending rows: through the full indexes
-- it read every row of the channel, a month of sent messages, and every settlement moved an entry there.
DROP INDEX "Outbox_channel_chatId_status_idx";
CREATE INDEX "Outbox_pending_chat_idx" ON "Outbox"("channel", "chatId") WHERE "status" = 'pending';
DROP INDEX "InboxUpdate_chatKey_status_idx";
CREATE INDEX "InboxUpdate_pending_chat_idx" ON "InboxUpdate"("chatKey") WHERE "status" = 'pending';
