/**
 * The PPKS (Pemerlu Pelayanan Kesejahteraan Sosial) categories of Permensos 8/2012, in its order. Kept
 * as data: when the ministry revises the list, only this table changes. A report stores the `key`.
 */
export interface PpksCategory {
  readonly key: string;
  readonly label: string;
}

export const PPKS: readonly PpksCategory[] = [
  ['anak-balita-terlantar', 'Anak Balita Terlantar'],
  ['anak-terlantar', 'Anak Terlantar'],
  ['anak-berhadapan-hukum', 'Anak yang Berhadapan dengan Hukum'],
  ['anak-jalanan', 'Anak Jalanan'],
  ['anak-disabilitas', 'Anak dengan Kedisabilitasan'],
  ['anak-korban-kekerasan', 'Anak Korban Tindak Kekerasan atau Diperlakukan Salah'],
  ['anak-perlindungan-khusus', 'Anak yang Memerlukan Perlindungan Khusus'],
  ['lanjut-usia-terlantar', 'Lanjut Usia Terlantar'],
  ['penyandang-disabilitas', 'Penyandang Disabilitas'],
  ['tuna-susila', 'Tuna Susila'],
  ['gelandangan', 'Gelandangan'],
  ['pengemis', 'Pengemis'],
  ['pemulung', 'Pemulung'],
  ['kelompok-minoritas', 'Kelompok Minoritas'],
  ['bekas-warga-binaan', 'Bekas Warga Binaan Lembaga Pemasyarakatan'],
  ['odha', 'Orang dengan HIV/AIDS'],
  ['korban-napza', 'Korban Penyalahgunaan NAPZA'],
  ['korban-trafficking', 'Korban Trafficking'],
  ['korban-kekerasan', 'Korban Tindak Kekerasan'],
  ['pekerja-migran-bermasalah', 'Pekerja Migran Bermasalah Sosial'],
  ['korban-bencana-alam', 'Korban Bencana Alam'],
  ['korban-bencana-sosial', 'Korban Bencana Sosial'],
  ['perempuan-rawan-sosial-ekonomi', 'Perempuan Rawan Sosial Ekonomi'],
  ['fakir-miskin', 'Fakir Miskin'],
  ['keluarga-bermasalah-sosial', 'Keluarga Bermasalah Sosial Psikologis'],
  ['komunitas-adat-terpencil', 'Komunitas Adat Terpencil'],
].map(([key, label]) => ({ key: key!, label: label! }));

/** A category by its number in the list (1-based), its exact name, or the only name containing the words. */
export function findPpks(typed: string): PpksCategory | null {
  const wanted = typed.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^\d{1,2}$/.test(wanted)) return PPKS[Number(wanted) - 1] ?? null;
  if (wanted.length < 3) return null;
  const exact = PPKS.find((category) => category.label.toLowerCase() === wanted);
  if (exact) return exact;
  const matches = PPKS.filter((category) => category.label.toLowerCase().includes(wanted));
  return matches.length === 1 ? matches[0]! : null;
}

export const ppksLabel = (key: string): string => PPKS.find((category) => category.key === key)?.label ?? key;
