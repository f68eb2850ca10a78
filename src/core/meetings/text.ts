/**
 * Every sentence about meetings, in Bahasa Indonesia (kept apart from id.ts, which holds the ledger's).
 */
import type { OccurrenceDetail, OccurrenceRefusal, OccurrenceView, ReminderFacts, RsvpView } from './ports.js';
import type { MeetingProblem } from './parse.js';
import type { Reply } from '../shared/message.js';
import type { ReminderOffset } from './reminders.js';
import type { IsoWeekday, RutinRule } from './schedule.js';
import { zoneLabel } from './time-zone.js';
import { formatClock, formatMeetingTime, relativeDay } from './date-text.js';

const DAY_NAMES: Record<IsoWeekday, string> = {
  1: 'Senin',
  2: 'Selasa',
  3: 'Rabu',
  4: 'Kamis',
  5: 'Jumat',
  6: 'Sabtu',
  7: 'Minggu',
};
const NTH: Record<number, string> = { 1: 'pertama', 2: 'kedua', 3: 'ketiga', 4: 'keempat', 5: 'kelima', [-1]: 'terakhir' };

export const MEETING_EXAMPLES = [
  '/rapat rutin minggu kedua 19.30 Balai RW 05 | Arisan dan laporan kas',
  '/rapat rutin tiap jumat 20:00 Mushola Al-Ikhlas | Pengajian',
  '/rapat rutin tanggal 5 tiap bulan 16.00 Rumah Bu Sri | Laporan jimpitan',
  '/rapat insidental besok 19.00 Rumah Pak RT | Persiapan santunan',
  '/rapat insidental 12 Desember 19.00 Balai Desa | Penyaluran bantuan',
] as const;

const PROBLEM: Record<MeetingProblem, (zone: string) => string> = {
  kind: () => 'tulis dulu jenisnya: rutin (berulang) atau insidental (sekali saja)',
  recurrence: () =>
    'jadwal rutinnya tidak terbaca; tulis misalnya "minggu kedua", "tiap jumat", "tanggal 5 tiap bulan" atau "tanggal terakhir"',
  'ambiguous-week': () =>
    '"tiap minggu" bisa berarti setiap pekan atau setiap hari Minggu; tulis "tiap hari minggu" atau nama harinya, misalnya "tiap jumat"',
  date: () => 'tanggalnya tidak terbaca; tulis misalnya "besok", "lusa", "sabtu", "12/12" atau "12 Desember"',
  'no-such-date': () => 'tanggal itu tidak ada di kalender',
  'weekday-mismatch': () => 'nama hari dan tanggalnya tidak cocok; periksa kalender, lalu tulis lagi',
  time: () => 'jamnya tidak terbaca; tulis misalnya 19.30, jam 7 malam, jam 8 pagi atau pukul 16.00',
  'prayer-time': () =>
    'waktu salat (misalnya ba\'da isya) berbeda menurut tempat dan hari, jadi bot tidak menebak jamnya; ' +
    'tulis jamnya, misalnya jam 19.30 atau jam 7 malam',
  zone: (zone) => `zona waktu yang ditulis bukan zona WKSBM ini (${zoneLabel(zone)}); ubah zona dengan /zona bila perlu`,
  past: () => 'waktu itu sudah lewat',
  place: () => 'tempatnya belum ditulis (acara ditulis sesudah tanda |)',
};

export function describeRule(rule: RutinRule, timeZone: string): string {
  const { recurrence, time } = rule;
  const at = `pukul ${formatClock(time.hour, time.minute)} ${zoneLabel(timeZone)}`;
  switch (recurrence.freq) {
    case 'weekly':
      return `setiap hari ${DAY_NAMES[recurrence.weekday]} ${at}`;
    case 'monthly-weekday':
      return (
        `setiap hari ${DAY_NAMES[recurrence.weekday]} ${NTH[recurrence.nth]} tiap bulan ${at}` +
        (recurrence.nth === 5 ? ` (bulan tanpa ${DAY_NAMES[recurrence.weekday]} kelima dilewati)` : '')
      );
    case 'monthly-day':
      return recurrence.day === -1
        ? `setiap tanggal terakhir tiap bulan ${at}`
        : `setiap tanggal ${recurrence.day} tiap bulan ${at}` +
            (recurrence.day > 28 ? ` (bulan tanpa tanggal ${recurrence.day} dilewati)` : '');
  }
}

export function describeReminders(reminders: readonly ReminderOffset[]): string {
  if (reminders.length === 0) return 'tidak ada (dimatikan)';
  const parts = reminders.map((offset) => {
    if (offset.kind === 'days-before') return `H-${offset.days} pukul ${formatClock(offset.at.hour, offset.at.minute)}`;
    return offset.minutes % 60 === 0 ? `${offset.minutes / 60} jam sebelumnya` : `${offset.minutes} menit sebelumnya`;
  });
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} dan ${parts.at(-1)}`;
}

const when = (occurrence: Pick<OccurrenceView, 'startsAt'>, timeZone: string) => formatMeetingTime(occurrence.startsAt, timeZone);

const placeLines = (occurrence: Pick<OccurrenceView, 'place' | 'agenda'>) =>
  `Tempat: ${occurrence.place}` + (occurrence.agenda ? `\nAcara: ${occurrence.agenda}` : '');

/** `Hadir (2): Bu Sri, Pak Budi` and `Izin (1): Mbah Darmo (sakit)`; nothing when nobody answered. */
function answers(rsvps: readonly RsvpView[], withReasons: boolean): string[] {
  const hadir = rsvps.filter((rsvp) => rsvp.answer === 'hadir');
  const izin = rsvps.filter((rsvp) => rsvp.answer === 'izin');
  const lines: string[] = [];
  if (hadir.length) lines.push(`Hadir (${hadir.length}): ${hadir.map((rsvp) => rsvp.name).join(', ')}`);
  if (izin.length) {
    lines.push(
      `Izin (${izin.length}): ` +
        izin.map((rsvp) => (withReasons && rsvp.reason ? `${rsvp.name} (${rsvp.reason})` : rsvp.name)).join(', '),
    );
  }
  return lines;
}

/** The buttons under an announcement or reminder; on other channels the text names the commands. */
export const rsvpActions = (number: number): Reply['actions'] => [
  { label: '✅ Hadir', command: `/hadir ${number}` },
  { label: '🙏 Izin', command: `/izin ${number}` },
];

/** At most this many names are mentioned in one reminder; a big group gets a count for the rest. */
const MAX_MENTIONS = 40;

export const meetingsText = {
  usage: () =>
    'Format:\n' +
    '/rapat rutin <kapan> <jam> <tempat> | <acara>\n' +
    '/rapat insidental <tanggal> <jam> <tempat> | <acara>\n' +
    '/rapat <no> · /rapat batal <no> [semua] [alasan] · /rapat ubah <no> <tanggal/jam> [tempat | acara]\n' +
    `Contoh:\n${MEETING_EXAMPLES.join('\n')}`,
  refused: (problem: MeetingProblem, timeZone: string) =>
    `❌ Rapat tidak disimpan: ${PROBLEM[problem](timeZone)}.\n${meetingsText.usage()}`,
  moveRefused: (problem: MeetingProblem, timeZone: string) =>
    `❌ Rapat tidak diubah: ${PROBLEM[problem](timeZone)}.\nContoh: /rapat ubah 3 sabtu 19.30 · /rapat ubah 3 20.00 · /rapat ubah 3 12/12 19.00 Balai Desa | Arisan`,
  numberMissing: (usage: string, example: string) => `❌ Nomor rapat belum ditulis (lihat /jadwal).\nFormat: ${usage}\nContoh: ${example}`,

  announced: (first: OccurrenceView, reminders: readonly ReminderOffset[], timeZone: string) =>
    (first.rule
      ? `✅ Rapat rutin dicatat: ${describeRule(first.rule, timeZone)}.\n${placeLines(first)}\n` +
        `Berikutnya: #${first.number} ${when(first, timeZone)}`
      : `✅ Rapat insidental #${first.number} dicatat: ${when(first, timeZone)}\n${placeLines(first)}`) +
    `\nPengingat ke grup: ${describeReminders(reminders)}.` +
    `\nAnggota menjawab /hadir ${first.number} atau /izin ${first.number} <alasan>.`,

  schedule: (wksbm: string, occurrences: readonly OccurrenceDetail[], timeZone: string) =>
    occurrences.length === 0
      ? '📅 Belum ada rapat yang akan datang.\nPengurus mengumumkan dengan /rapat rutin … atau /rapat insidental … (ketik /rapat untuk contoh).'
      : `📅 Rapat ${wksbm} yang akan datang:\n` +
        occurrences
          .map((occurrence) => {
            const head = `#${occurrence.number} ${when(occurrence, timeZone)} — ${occurrence.place}` + (occurrence.agenda ? ` (${occurrence.agenda})` : '');
            if (occurrence.status === 'batal') return `${head}\n   🚫 DIBATALKAN${occurrence.cancelReason ? `: ${occurrence.cancelReason}` : ''}`;
            const lines = answers(occurrence.rsvps, false);
            return lines.length ? `${head}\n   ${lines.join(' · ')}` : `${head}\n   Belum ada yang menjawab.`;
          })
          .join('\n') +
        '\nJawab dengan /hadir <no> atau /izin <no> <alasan>. Rincian: /rapat <no>',

  detail: (occurrence: OccurrenceDetail, timeZone: string) =>
    [
      `📋 Rapat #${occurrence.number} (${occurrence.rule ? `rutin, ${describeRule(occurrence.rule, timeZone)}` : 'insidental'})`,
      `Waktu: ${when(occurrence, timeZone)}`,
      placeLines(occurrence),
      occurrence.status === 'batal'
        ? `Status: DIBATALKAN${occurrence.cancelReason ? ` (${occurrence.cancelReason})` : ''}`
        : 'Status: terjadwal',
      ...answers(occurrence.rsvps, true),
      occurrence.attendance.length
        ? `Daftar hadir (${occurrence.attendance.length}): ${occurrence.attendance.join(', ')}`
        : 'Daftar hadir: belum dicatat (/absen)',
      occurrence.minutes ? `Notulen:\n${occurrence.minutes}` : 'Notulen: belum ada (/notulen)',
    ].join('\n'),

  notFound: (number: number) => `❌ Rapat #${number} tidak ada di WKSBM ini. Lihat nomornya dengan /jadwal.`,
  noneUpcoming: () => '❌ Belum ada rapat yang akan datang. Lihat /jadwal.',
  isCancelled: (occurrence: OccurrenceView, timeZone: string) =>
    `❌ Rapat #${occurrence.number} (${when(occurrence, timeZone)}) sudah dibatalkan.`,
  hasStarted: (occurrence: OccurrenceView, timeZone: string) =>
    `❌ Rapat #${occurrence.number} (${when(occurrence, timeZone)}) sudah dimulai atau lewat.`,

  cancelled: (cancelled: readonly OccurrenceView[], series: boolean, reason: string | null, timeZone: string) => {
    const first = cancelled[0]!;
    const because = reason ? `\nAlasan: ${reason}` : '';
    if (!series) return `🚫 Rapat #${first.number} (${when(first, timeZone)}, ${first.place}) DIBATALKAN.${because}`;
    return (
      `🚫 Rapat rutin ${first.rule ? describeRule(first.rule, timeZone) : ''} dihentikan. Dibatalkan:\n` +
      cancelled.map((occurrence) => `#${occurrence.number} ${when(occurrence, timeZone)}`).join('\n') +
      because
    );
  },
  moved: (before: OccurrenceView, after: OccurrenceView, timeZone: string) =>
    `🔁 Rapat #${after.number} dipindah.\nDari: ${when(before, timeZone)}\nMenjadi: ${when(after, timeZone)}\n${placeLines(after)}` +
    '\nPengingat mengikuti waktu yang baru.',

  rsvp: (occurrence: OccurrenceDetail, person: { id: number; name: string }, timeZone: string) => {
    const { name } = person;
    const mine = occurrence.rsvps.find((rsvp) => rsvp.personId === person.id);
    const counted = `Hadir: ${occurrence.rsvps.filter((r) => r.answer === 'hadir').length}, izin: ${occurrence.rsvps.filter((r) => r.answer === 'izin').length}.`;
    return mine?.answer === 'izin'
      ? `🙏 Izin ${name} untuk rapat #${occurrence.number} (${when(occurrence, timeZone)}) dicatat` +
          (mine.reason ? `: ${mine.reason}` : '') + `. ${counted}`
      : `✅ ${name} hadir di rapat #${occurrence.number} (${when(occurrence, timeZone)}, ${occurrence.place}). ${counted}`;
  },

  attendanceUsage: () =>
    '❌ Tulis nomor rapat dan nama yang hadir, dipisah koma.\nFormat: /absen <no> <nama, nama, …>\nContoh: /absen 3 Bu Sri, Pak Budi, Mbah Darmo',
  attendance: (occurrence: OccurrenceDetail, added: number) =>
    `✅ Daftar hadir rapat #${occurrence.number}: ${added} nama ditambahkan, ${occurrence.attendance.length} orang tercatat.\n` +
    occurrence.attendance.join(', '),
  attendanceAmbiguous: (name: string, candidates: readonly string[]) =>
    `❌ "${name}" cocok dengan beberapa anggota: ${candidates.join(', ')}. Tulis namanya lebih lengkap. Tidak ada yang dicatat.`,

  minutesUsage: () => '❌ Tulis nomor rapat dan isi notulennya.\nFormat: /notulen <no> <teks>\nContoh: /notulen 3 Disepakati santunan Rp500.000 untuk Mbah Karto.',
  minutes: (occurrence: OccurrenceDetail) => `📝 Notulen rapat #${occurrence.number} disimpan. Lihat dengan /rapat ${occurrence.number}.`,

  zoneNow: (timeZone: string) => `🕒 Zona waktu WKSBM ini: ${zoneLabel(timeZone)}. Ubah dengan /zona WIB, /zona WITA atau /zona WIT.`,
  zoneUnknown: (word: string) => `❌ Zona "${word}" tidak dikenal. Pilih WIB, WITA atau WIT.\nContoh: /zona WITA`,
  zoneSet: (previous: string, timeZone: string, moved: number) =>
    `🕒 Zona waktu WKSBM sekarang ${zoneLabel(timeZone)} (sebelumnya ${zoneLabel(previous)}).` +
    (moved ? ` ${moved} rapat mendatang tetap pada jam yang sama, kini dalam ${zoneLabel(timeZone)}.` : ''),

  remindersNow: (reminders: readonly ReminderOffset[]) =>
    `⏰ Pengingat rapat ke grup: ${describeReminders(reminders)}.\n` +
    'Ubah (ketua/sekretaris): /pengingat H-1 19.00, 1 jam · /pengingat 2 jam, 30 menit · /pengingat mati',
  remindersUnreadable: () =>
    '❌ Pengingat tidak terbaca; tidak ada yang diubah. Tulis sampai 4, dipisah koma: "H-<hari> <jam>" (1–7 hari) ' +
    'atau "<angka> jam" / "<angka> menit" (5 menit–24 jam).\nContoh: /pengingat H-1 19.00, 1 jam',
  remindersSet: (reminders: readonly ReminderOffset[], replanned: number) =>
    `✅ Pengingat rapat sekarang: ${describeReminders(reminders)}.` +
    (replanned ? ` Pengingat ${replanned} rapat mendatang dijadwalkan ulang.` : ''),

  /** Built when the reminder is sent, so it names who has not answered *then*. */
  reminder: (occurrence: OccurrenceDetail, pending: readonly string[], now: Date, timeZone: string) => {
    const day = relativeDay(occurrence.startsAt, now, timeZone);
    const mentions = pending.slice(0, MAX_MENTIONS).map((name) => `@${name}`).join(' ');
    const more = pending.length > MAX_MENTIONS ? ` dan ${pending.length - MAX_MENTIONS} lainnya` : '';
    return [
      `⏰ Pengingat: rapat #${occurrence.number} ${day ? `${day}, ` : ''}${when(occurrence, timeZone)}`,
      placeLines(occurrence),
      ...answers(occurrence.rsvps, false),
      pending.length
        ? `Belum menjawab: ${mentions}${more} — mohon jawab /hadir ${occurrence.number} atau /izin ${occurrence.number} <alasan>.`
        : 'Semua anggota sudah menjawab. Terima kasih 🙏',
    ].join('\n');
  },
};

/** The answer to a change refused because of the occurrence it names. */
export function refusalText(refusal: OccurrenceRefusal, number: number | null): string {
  switch (refusal.reason) {
    case 'not-found':
      return meetingsText.notFound(number ?? 0);
    case 'none-upcoming':
      return meetingsText.noneUpcoming();
    case 'cancelled':
      return meetingsText.isCancelled(refusal.occurrence, refusal.timeZone);
    case 'started':
      return meetingsText.hasStarted(refusal.occurrence, refusal.timeZone);
  }
}

/** A reminder as sent: the meeting and who has not answered at `now`, with the Hadir/Izin buttons. */
export const reminderReplies = ({ occurrence, pending, timeZone }: ReminderFacts, now: Date): readonly Reply[] => [
  { text: meetingsText.reminder(occurrence, pending, now, timeZone), actions: rsvpActions(occurrence.number) },
];
