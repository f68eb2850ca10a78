/** Every message the bot sends, as kinds of outbox rows: the path for channels, stores and the scheduler. */
export { defineKind, replySchema, quoteSchema, type MessageKind, type Outgoing, type Rendered } from './kind.js';
export { createKindRegistry, defaultKinds, type KindRegistry } from './kinds.js';
export { iuranReminderKind, iuranReminderPayload } from './kinds/iuran-reminder.js';
export { editKind, pressAnswerKind } from './kinds/press.js';
export { reminderKind, reminderPayload } from './kinds/reminder.js';
export { noticeKind, replyKind } from './kinds/reply.js';
export { proofKind, type ProofRendering } from './kinds/proof.js';
export { reportKind, type ReportRendering } from './kinds/report.js';
export { textKind } from './kinds/text.js';
