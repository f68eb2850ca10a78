/** Reports of people in need: the private `/lapor` conversation and the pengurus' `/kasus` work. */
export { kasusCommand } from './kasus.js';
export { laporCommand } from './lapor.js';
export { continueReport } from './report-conversation.js';
export { canMove, OPEN_STATUSES, URGENCY_RANK } from './status.js';
export { casesText } from './text.js';
export type * from './ports.js';
export { CASE_STATUSES, DRAFT_STEPS, URGENCIES } from './ports.js';
