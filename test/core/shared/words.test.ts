import { describe, it, expect } from 'vitest';
import { firstWord, parseCommandText } from '../../../src/core/shared/words.js';

describe('parseCommandText', () => {
  it('reads the command word and the rest of the message', () => {
    expect(parseCommandText('/setor 5000 jimpitan')).toMatchObject({ name: 'setor', args: '5000 jimpitan' });
    expect(parseCommandText('/saldo')).toMatchObject({ name: 'saldo', args: '' });
  });

  it('ignores the case of the command word but keeps the case of its arguments', () => {
    expect(parseCommandText('/SETOR 5000 jimpitan dari Pak Budi')).toMatchObject({
      name: 'setor',
      args: '5000 jimpitan dari Pak Budi',
    });
    expect(parseCommandText('/Saldo Jimpitan')).toMatchObject({ name: 'saldo', args: 'Jimpitan' });
  });

  it('keeps apart the bot name Telegram adds in groups, lower-cased', () => {
    expect(parseCommandText('/setor@wksbm_bot 5000 jimpitan')).toEqual({ name: 'setor', args: '5000 jimpitan', addressee: 'wksbm_bot' });
    expect(parseCommandText('/bantuan@WksbmBot')).toEqual({ name: 'bantuan', args: '', addressee: 'wksbmbot' });
    expect(parseCommandText('/saldo')?.addressee).toBeNull();
  });

  it('strips invisible characters at both ends, as every channel does', () => {
    expect(parseCommandText('\u00a0\uFEFF\u200B\u200E\u202E\u2066/setor 5000 kas\u200B\u2069')).toEqual({
      name: 'setor',
      args: '5000 kas',
      addressee: null,
    });
    // Inside the text they stay: an invisible character in the command word makes it no command at all.
    expect(parseCommandText('/\u200Bsetor 5000 kas')).toBeNull();
  });

  it('trims spaces around the message and its arguments', () => {
    expect(parseCommandText('   /riwayat   jimpitan 20   ')).toMatchObject({ name: 'riwayat', args: 'jimpitan 20' });
    expect(parseCommandText('/saldo   ')).toMatchObject({ name: 'saldo', args: '' });
  });

  it('accepts a line break after the command and keeps the lines of the arguments', () => {
    expect(parseCommandText('/setor\n5000 jimpitan')).toMatchObject({ name: 'setor', args: '5000 jimpitan' });
    expect(parseCommandText('/keluar 50rb kas beli sapu\ndan pel')).toMatchObject({
      name: 'keluar',
      args: '50rb kas beli sapu\ndan pel',
    });
  });

  it('reads command words with an underscore', () => {
    expect(parseCommandText('/dana_tambah beras')).toMatchObject({ name: 'dana_tambah', args: 'beras' });
  });

  it('treats ordinary chat as no command at all', () => {
    for (const text of ['halo semua', '', '   ', 'saya sudah /setor tadi', '/', '/ setor 5000', '5000/bulan', 'https://contoh.id/setor']) {
      expect(parseCommandText(text), text).toBeNull();
    }
  });
});

describe('firstWord', () => {
  it('splits off the first word and trims what follows', () => {
    expect(firstWord('jimpitan 20')).toEqual(['jimpitan', '20']);
    expect(firstWord('  tambah   beras kg  lumbung ')).toEqual(['tambah', 'beras kg  lumbung']);
  });

  it('gives an empty rest for a single word and empty strings for nothing', () => {
    expect(firstWord('jimpitan')).toEqual(['jimpitan', '']);
    expect(firstWord('')).toEqual(['', '']);
    expect(firstWord('   ')).toEqual(['', '']);
  });

  it('splits at any whitespace, including tabs and line breaks', () => {
    expect(firstWord('kas\tbeli sapu')).toEqual(['kas', 'beli sapu']);
    expect(firstWord('kas\nbeli sapu\ndan pel')).toEqual(['kas', 'beli sapu\ndan pel']);
  });
});

describe('parseCommandText without a space before the amount', () => {
  it('reads /setor5000 kas as /setor 5000 kas', () => {
    expect(parseCommandText('/setor5000 kas')).toMatchObject({ name: 'setor', args: '5000 kas' });
    expect(parseCommandText('/setorkas')).toMatchObject({ name: 'setorkas', args: '' });
  });
});
