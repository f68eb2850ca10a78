/** The only import path for channels, the store, the scheduler and the composition root. */
export { createCore, type Core, type MessageReading } from './dispatch.js';
export { withoutInvisibleEdges } from './shared/words.js';
export type { Command, CoreDeps } from './shared/command.js';
export {
  inboundKey,
  PRIVATE_CHAT,
  privateChatsOf,
  type ChannelName,
  type ChannelSender,
  type Quote,
  type SendOptions,
  type ChatRef,
  type Inbound,
  type Mention,
  type OutgoingDocument,
  type PhotoFile,
  type Reply,
  type ReplyAction,
  type SenderRef,
} from './shared/message.js';
export type * from './shared/ports.js';
export {
  outboxPayload,
  reportPayload,
  type ClaimRequest,
  type NewOutboxMessage,
  type OutboxMessage,
  type OutboxPayload,
  type OutboxStore,
  type Outcome,
  type ReportPayload,
} from './shared/outbox.js';
export type { SentWhatsAppMessage, WhatsAppStore } from './shared/whatsapp-store.js';
export { systemClock, type Clock } from './shared/clock.js';
export { createVersionedCache, type VersionedCache } from './shared/versioned-cache.js';
export { ROLES, TREASURY, PENGURUS, isRole, type Role } from './shared/roles.js';
export { RoleChanged, TelegramStartError, WksError, WriteConflict, type WksErrorCode } from './errors.js';
export type { FundUnit, Quantity, Rupiah } from './shared/quantity.js';
export type * from './ledger/index.js';
export * from './meetings/index.js';
export * from './cases/index.js';
export * from './arisan/index.js';
export * from './duka/index.js';
export * from './iuran/index.js';
import type { IuranReminderPlanner } from './iuran/ports.js';
import type { MeetingPlanner } from './meetings/index.js';
import type { LevyReminderPlanner } from './duka/ports.js';
import type { ArisanRevealer } from './arisan/ports.js';
/** What the scheduler plans and renders: meeting series and reminders, iuran and duka levy reminders, arisan reveals. */
export type SchedulerPlanner = MeetingPlanner & IuranReminderPlanner & LevyReminderPlanner & ArisanRevealer;
/** Sentences channels say themselves (a server error); the scheduler's come from meetingsText. */
export { sharedText } from './shared/text.js';
export { withoutIdentities } from './dashboard/index.js';
export { createDashboard, LOGIN_MINUTES, SESSION_DAYS, type ActionOutcome, type Dashboard, type DashboardActor } from './dashboard/index.js';
export type * from './dashboard/ports.js';
export { BOOK_KINDS, BOOK_STATUSES } from './dashboard/ports.js';
export { CASE_ACTIONS } from './cases/kasus.js';
export { PPKS } from './cases/ppks.js';
export { formatQuantity, formatRupiah } from './shared/format.js';
export { formatShortDateTime } from './shared/date.js';
export { fundLabel, ledgerText } from './ledger/text.js';
export * from './report/index.js';
