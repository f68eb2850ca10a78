/** The dashboard capability: /dasbor, /pendamping, and the use cases the web dashboard calls. */
export { createDashboard, SESSION_DAYS, type ActionOutcome, type Dashboard, type DashboardActor } from './actions.js';
export { dasborCommand, pendampingCommand } from './commands.js';
export type * from './ports.js';
export { dashboardText, LOGIN_MINUTES } from './text.js';
export { withoutIdentities } from './pendamping.js';
