/** Households (KK) and iuran: the roster, obligations per period, payments allocated oldest first. */
export { iuranCommand, jimpitanCommand, kkCommand, tunggakanCommand } from './commands.js';
export type * from './ports.js';
export { standingsOf } from './standing.js';
export { iuranText } from './text.js';
