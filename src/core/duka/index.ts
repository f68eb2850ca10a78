/** Rukun duka: a death announced in the group, and the santunan paid to the family from the kematian fund. */
export { dukaCommand } from './commands.js';
export { parseDuka, isDukaForm } from './parse.js';
export type * from './ports.js';
export { dukaText } from './text.js';
export { levyStanding, owesFor, type LevyEvent, type LevyStanding, type LevyTenure } from './levy.js';
export { levySection, levyStandings } from './levy-book.js';
