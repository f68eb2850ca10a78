/** Arisan: shares, payments into the arisan's own fund, and a two-step draw anyone can check. */
export { arisanCommand, payArisan, REVEAL_DELAY_MS } from './command.js';
export { commitmentOf, drawWinner, listText, normalizeMix, parseList, SEED_PATTERN } from './draw.js';
export type * from './ports.js';
export { arisanText } from './text.js';
