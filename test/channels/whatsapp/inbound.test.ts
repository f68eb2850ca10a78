import { describe, expect, it } from 'vitest';
import { commandText } from '../../../src/channels/whatsapp/inbound.js';
import { INVISIBLE } from '../../helpers/invisible.js';

describe('WhatsApp command prefixes', () => {
  it('reads . and ! before a command word as /, as WhatsApp users type them', () => {
    expect(commandText('.setor 5000 kas')).toBe('/setor 5000 kas');
    expect(commandText('  !saldo')).toBe('/saldo');
    expect(commandText('/riwayat')).toBe('/riwayat');
  });

  it('reads them after the invisible characters the core strips too', () => {
    for (const mark of Object.values(INVISIBLE)) {
      expect(commandText(`${mark}.setor 5000 kas`)).toBe('/setor 5000 kas');
      expect(commandText(`${mark}/keluar 1000 kas`)).toBe('/keluar 1000 kas');
    }
  });

  it('leaves a dot or exclamation mark that does not start a command word alone', () => {
    expect(commandText('...')).toBe('...');
    expect(commandText('!!! penting')).toBe('!!! penting');
    expect(commandText('.5 kg beras')).toBe('.5 kg beras');
    expect(commandText('Bapak ibu. Rapat besok')).toBe('Bapak ibu. Rapat besok');
  });
});
