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
import { absenCommand, notulenCommand } from './meeting-records.js';
import { pengingatCommand, zonaCommand } from './meeting-settings.js';
import { jadwalCommand, rapatCommand } from './meetings.js';
import { iuranCommand, jimpitanCommand, kkCommand, tunggakanCommand } from '../iuran/index.js';
import { kasusCommand } from './kasus.js';
import { laporCommand } from './lapor.js';
import { anggotaCommand, mulaiCommand, peranCommand } from './members.js';
import { hadirCommand, izinCommand } from './rsvp.js';

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
  createHelpCommand(() => COMMANDS),
];
