import { describe, expect, it } from 'vitest';
import { escapeHtml, keyboardFor, readPress, splitForTelegram } from '../../../src/channels/telegram/format.js';

describe('Telegram formatting', () => {
  it('escapes the three characters HTML parse mode reads', () => {
    expect(escapeHtml('<b>Pak & Bu</b> "RT"')).toBe('&lt;b&gt;Pak &amp; Bu&lt;/b&gt; "RT"');
  });

  it('splits a long list at line ends, each part under the limit once escaped, losing nothing', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `#${i} 23/11/26 21.05 Jimpitan +Rp5.000 Bu <Sri> (setor)`);
    const text = lines.join('\n');
    const parts = splitForTelegram(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(escapeHtml(part).length).toBeLessThanOrEqual(4096);
    expect(parts.join('\n')).toBe(text);
  });

  it('cuts a single line longer than the limit', () => {
    const parts = splitForTelegram('&'.repeat(3000), 4096);
    // '&' becomes '&amp;': 819 of them fill 4095 of the 4096 characters.
    expect(parts.map((part) => part.length)).toEqual([819, 819, 819, 543]);
    expect(parts.join('')).toBe('&'.repeat(3000));
  });

  it('keeps short text whole and drops buttons whose command does not fit callback data', () => {
    expect(splitForTelegram('Saldo Kas: Rp0')).toEqual(['Saldo Kas: Rp0']);
    expect(
      keyboardFor([
        { label: 'Sahkan', command: '/sahkan 1', settles: true },
        { label: 'x', command: `/tolak 1 ${'a'.repeat(80)}`, settles: true },
        { label: 'Hadir', command: '/hadir 2' },
      ]),
    ).toEqual({
      inline_keyboard: [
        [
          { text: 'Sahkan', callback_data: '/sahkan 1' },
          { text: 'Hadir', callback_data: '+/hadir 2' },
        ],
      ],
    });
    expect(keyboardFor(undefined)).toBeUndefined();
  });

  it('reads back from a press whether the button settles its message', () => {
    expect(readPress('/sahkan 1')).toEqual({ command: '/sahkan 1', settles: true });
    expect(readPress('+/hadir 2')).toEqual({ command: '/hadir 2', settles: false });
  });
});
