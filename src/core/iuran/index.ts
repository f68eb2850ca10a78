/** Households (KK) and iuran: the roster, obligations per period, payments allocated oldest first. */
export { iuranCommand, jimpitanCommand, kkCommand, tunggakanCommand } from './commands.js';
export { dueIn, fill, frontier, owedWindow, standing, totalDue, type Allocation, type IuranTerms, type OwedWindow, type Slice, type Standing, type Tenure } from './dues.js';
export { isPeriodKind, localDate, periodAt, periodKey, periodOfDate, periodOfKey, type PeriodIndex, type PeriodKind } from './period.js';
export type * from './ports.js';
export { standingsOf } from './standing.js';
export { iuranText } from './text.js';
