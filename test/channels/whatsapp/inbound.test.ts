import { describe, expect, it } from 'vitest';
import { commandText } from '../../../src/channels/whatsapp/inbound.js';

describe('WhatsApp command prefixes', () => {
  it('reads . and ! before a command word as /, as WhatsApp users type them', () => {
    expect(commandText('.setor 5000 kas')).toBe('/setor 5000 kas');
    expect(commandText('  !saldo')).toBe('/saldo');
    expect(commandText('/riwayat')).toBe('/riwayat');
  });

  it('leaves a dot or exclamation mark that does not start a command word alone', () => {
    expect(commandText('...')).toBe('...');
    expect(commandText('!!! penting')).toBe('!!! penting');
    expect(commandText('.5 kg beras')).toBe('.5 kg beras');
    expect(commandText('Bapak ibu. Rapat besok')).toBe('Bapak ibu. Rapat besok');
  });
});
