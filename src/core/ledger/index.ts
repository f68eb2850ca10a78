/** The ledger: funds, setor/keluar, corrections, confirmations, balances and history. */
export { keluarCommand, koreksiCommand, riwayatCommand, sahkanCommand, saldoCommand, setorCommand, tolakCommand } from './commands.js';
export { danaCommand } from './funds.js';
export { buktiCommand } from './proof.js';
export type * from './ports.js';
