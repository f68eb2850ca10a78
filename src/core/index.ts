/** The only import path for channels and the composition root. */
export { createCore, type Core } from './dispatch.js';
export type { Command } from './commands/command.js';
export type { CoreDeps } from './commands/command.js';
export {
  inboundKey,
  type ChannelName,
  type ChannelSender,
  type ChatRef,
  type Inbound,
  type Mention,
  type Reply,
  type ReplyAction,
  type SenderRef,
} from './message.js';
export type * from './ports.js';
export type * from './meeting-ports.js';
export { systemClock, type Clock } from './clock.js';
export { ROLES, TREASURY, PENGURUS, type Role } from './roles.js';
export { WksError, type WksErrorCode } from './errors.js';
export type { FundUnit, Quantity, Rupiah } from './quantity.js';
/** Every sentence the bot says; channels use it for what they say themselves (a server error). */
export { t } from './text/id.js';
export { createDashboard, LOGIN_MINUTES, SESSION_DAYS, type ActionOutcome, type Dashboard, type DashboardActor } from './dashboard/index.js';
export type * from './dashboard/ports.js';
export { BOOK_KINDS, BOOK_STATUSES } from './dashboard/ports.js';
export type { CaseStore, CaseView, CaseSummary, CaseStatus } from './case-ports.js';
export { CASE_STATUSES, URGENCIES } from './case-ports.js';
export { CASE_ACTIONS } from './commands/kasus.js';
export { PPKS } from './data/ppks.js';
export { formatQuantity, formatRupiah } from './text/format.js';
export { formatShortDateTime } from './text/date.js';
export { fundLabel } from './text/id.js';
