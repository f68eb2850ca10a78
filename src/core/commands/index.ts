import type { Command } from './command.js';
import { danaCommand } from './funds.js';
import { createHelpCommand } from './help.js';
import {
  keluarCommand,
  koreksiCommand,
  riwayatCommand,
  sahkanCommand,
  saldoCommand,
  setorCommand,
  tolakCommand,
} from './ledger.js';
import { kasusCommand } from './kasus.js';
import { laporCommand } from './lapor.js';
import { anggotaCommand, mulaiCommand, peranCommand } from './members.js';

/** Every command, in the order `/bantuan` lists them. */
export const COMMANDS: readonly Command[] = [
  mulaiCommand,
  setorCommand,
  keluarCommand,
  koreksiCommand,
  sahkanCommand,
  tolakCommand,
  saldoCommand,
  riwayatCommand,
  danaCommand,
  anggotaCommand,
  peranCommand,
  laporCommand,
  kasusCommand,
  createHelpCommand(() => COMMANDS),
];
