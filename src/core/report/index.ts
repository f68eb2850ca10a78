/** The LPJ: periods, the read model and its query port, the report commands and their sentences. */
export { laporanCommand, profilCommand } from './commands.js';
export type * from './model.js';
export { MONTHS, parsePeriod, previousMonth, type PeriodProblem, type PeriodResult, type ReportPeriod } from './period.js';
export type { MonthlyReports, ProfileField, ReportStore } from './ports.js';
export { initials, plainAmount, reportText, wallClock } from './text.js';
