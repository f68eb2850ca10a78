import { arisanCommand } from './arisan/index.js';
import { kasusCommand, laporCommand } from './cases/index.js';
import { dasborCommand, pendampingCommand } from './dashboard/index.js';
import { dukaCommand } from './duka/index.js';
import {
  danaCommand,
  keluarCommand,
  koreksiCommand,
  buktiCommand,
  riwayatCommand,
  sahkanCommand,
  saldoCommand,
  setorCommand,
  tolakCommand,
} from './ledger/index.js';
import {
  absenCommand,
  hadirCommand,
  izinCommand,
  jadwalCommand,
  notulenCommand,
  pengingatCommand,
  rapatCommand,
  zonaCommand,
} from './meetings/index.js';
import { iuranCommand, jimpitanCommand, kkCommand, tunggakanCommand } from './iuran/index.js';
import { anggotaCommand, mulaiCommand, peranCommand } from './members/index.js';
import type { Command } from './shared/command.js';
import { createHelpCommand } from './shared/help.js';
import { laporanCommand, profilCommand } from './report/index.js';

/** Every command, in the order `/bantuan` lists them. A new capability adds its commands here. */
export const COMMANDS: readonly Command[] = [
  mulaiCommand,
  setorCommand,
  keluarCommand,
  koreksiCommand,
  sahkanCommand,
  tolakCommand,
  saldoCommand,
  riwayatCommand,
  buktiCommand,
  danaCommand,
  kkCommand,
  iuranCommand,
  jimpitanCommand,
  tunggakanCommand,
  anggotaCommand,
  peranCommand,
  rapatCommand,
  jadwalCommand,
  hadirCommand,
  izinCommand,
  absenCommand,
  notulenCommand,
  zonaCommand,
  pengingatCommand,
  laporCommand,
  kasusCommand,
  dasborCommand,
  pendampingCommand,
  arisanCommand,
  dukaCommand,
  laporanCommand,
  profilCommand,
  createHelpCommand(() => COMMANDS),
];
