/** Members: linking a group to a WKSBM, the member list, roles, and the pengurus-only chat. */
export { anggotaCommand, mulaiCommand, peranCommand } from './commands.js';
