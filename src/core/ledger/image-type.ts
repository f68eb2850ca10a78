/** The image types kept as proof (bukti/nota): what phones send as photos and what every viewer opens. */
export type ProofImageType = 'image/jpeg' | 'image/png' | 'image/webp';

const startsWith = (bytes: Uint8Array, at: number, magic: readonly number[]) =>
  bytes.length >= at + magic.length && magic.every((byte, index) => bytes[at + index] === byte);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/**
 * The image type told by the file's own first bytes, or null when it is none of the kept types. A
 * platform's label is not trusted: Telegram calls every photo JPEG, and a "photo" may be any file sent
 * with a photo's label.
 */
export function proofImageType(bytes: Uint8Array): ProofImageType | null {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, 0, [0x89, ...ascii('PNG\r\n\x1a\n')])) return 'image/png';
  if (startsWith(bytes, 0, ascii('RIFF')) && startsWith(bytes, 8, ascii('WEBP'))) return 'image/webp';
  return null;
}
