/** The only import path for channels and the composition root. */
export { createCore, type Core } from './dispatch.js';
export type { Command } from './commands/command.js';
export type { CoreDeps } from './commands/command.js';
export {
  inboundKey,
  type ChannelName,
  type ChannelSender,
  type Quote,
  type SendOptions,
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
