import type { CaseStatus, Urgency } from './ports.js';

/** The statuses a case may still move from; selesai, ditolak and dibatalkan are final. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['baru', 'diverifikasi', 'ditangani'];

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  baru: ['diverifikasi', 'ditolak', 'dibatalkan'],
  diverifikasi: ['ditangani', 'ditolak', 'dibatalkan'],
  ditangani: ['selesai', 'ditolak', 'dibatalkan'],
  selesai: [],
  ditolak: [],
  dibatalkan: [],
};

/** baru → diverifikasi → ditangani → selesai; any open case may be ditolak, or dibatalkan by its reporter. */
export const canMove = (from: CaseStatus, to: CaseStatus): boolean => NEXT[from].includes(to);

export const URGENCY_RANK: Record<Urgency, number> = { mendesak: 0, segera: 1, biasa: 2 };
