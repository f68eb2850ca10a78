/** Arisan: shares, payments into the arisan's own fund, and a two-step draw anyone can check. */
export { arisanCommand, payArisanBySetor, REVEAL_DELAY_MS } from './commands.js';
export { isArisanFundName } from './parse.js';
export { commitmentOf, drawWinner, listText, normalizeMix, parseList, SEED_PATTERN } from './draw.js';
export { ARISAN_FREQUENCIES } from './ports.js';
export type * from './ports.js';
export { arisanText } from './text.js';
