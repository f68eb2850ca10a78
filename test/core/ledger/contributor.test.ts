import { describe, it, expect } from 'vitest';
import { splitContributor } from '../../../src/core/ledger/contributor.js';

const MEMBERS = ['Bu Sri', 'Pak Budi', 'Pak Budi Santoso'];

describe('splitContributor', () => {
  it('reads text without "dari" as a note only', () => {
    expect(splitContributor('titipan bulan lalu', MEMBERS)).toEqual({ contributor: null, note: 'titipan bulan lalu' });
    expect(splitContributor('  iuran Mei  ', MEMBERS)).toEqual({ contributor: null, note: 'iuran Mei' });
  });

  it('gives neither contributor nor note for empty text', () => {
    expect(splitContributor('', MEMBERS)).toEqual({ contributor: null, note: null });
    expect(splitContributor('   ', MEMBERS)).toEqual({ contributor: null, note: null });
  });

  it('does not take a word that merely starts with "dari" as the contributor marker', () => {
    expect(splitContributor('darimana saja', MEMBERS)).toEqual({ contributor: null, note: 'darimana saja' });
  });

  it('finds a known member without a comma and keeps the rest as the note', () => {
    expect(splitContributor('dari Pak Budi titipan', MEMBERS)).toEqual({ contributor: 'Pak Budi', note: 'titipan' });
    expect(splitContributor('dari Bu Sri', MEMBERS)).toEqual({ contributor: 'Bu Sri', note: null });
  });

  it('matches a member name ignoring case and answers with the name as the member wrote it', () => {
    expect(splitContributor('DARI pak budi titipan', MEMBERS)).toEqual({ contributor: 'Pak Budi', note: 'titipan' });
  });

  it('prefers the longest matching member name', () => {
    expect(splitContributor('dari Pak Budi Santoso iuran Mei', MEMBERS)).toEqual({
      contributor: 'Pak Budi Santoso',
      note: 'iuran Mei',
    });
    expect(splitContributor('dari Pak Budi Santoso iuran Mei', ['Pak Budi Santoso', 'Pak Budi'])).toEqual({
      contributor: 'Pak Budi Santoso',
      note: 'iuran Mei',
    });
  });

  it('drops the separator between a known member and the note', () => {
    expect(splitContributor('dari Pak Budi, titipan', MEMBERS)).toEqual({ contributor: 'Pak Budi', note: 'titipan' });
    expect(splitContributor('dari Pak Budi; titipan', MEMBERS)).toEqual({ contributor: 'Pak Budi', note: 'titipan' });
    expect(splitContributor('dari Pak Budi - titipan', MEMBERS)).toEqual({ contributor: 'Pak Budi', note: 'titipan' });
  });

  it('does not take a member name that is only the start of a longer word', () => {
    expect(splitContributor('dari Bu Sriyati titip', MEMBERS)).toEqual({ contributor: 'Bu Sriyati titip', note: null });
  });

  it('runs an unknown name to the first separator', () => {
    expect(splitContributor('dari Mbah Darmo, titip bulan lalu', MEMBERS)).toEqual({
      contributor: 'Mbah Darmo',
      note: 'titip bulan lalu',
    });
    expect(splitContributor('dari Mbah Darmo; titip', MEMBERS)).toEqual({ contributor: 'Mbah Darmo', note: 'titip' });
    expect(splitContributor('dari Mbah Darmo | titip', MEMBERS)).toEqual({ contributor: 'Mbah Darmo', note: 'titip' });
    expect(splitContributor('dari Mbah Darmo - titip', MEMBERS)).toEqual({ contributor: 'Mbah Darmo', note: 'titip' });
  });

  it('keeps a hyphen inside a name as part of the name', () => {
    expect(splitContributor('dari Siti-Aminah', MEMBERS)).toEqual({ contributor: 'Siti-Aminah', note: null });
  });

  it('takes the whole text after "dari" as an unknown name when there is no separator', () => {
    expect(splitContributor('dari Mbah Darmo', MEMBERS)).toEqual({ contributor: 'Mbah Darmo', note: null });
    expect(splitContributor('dari Mbah Darmo', [])).toEqual({ contributor: 'Mbah Darmo', note: null });
  });

  it('leaves out an empty name or an empty note', () => {
    expect(splitContributor('dari , titip', MEMBERS)).toEqual({ contributor: null, note: 'titip' });
    expect(splitContributor('dari Mbah Darmo,', MEMBERS)).toEqual({ contributor: 'Mbah Darmo', note: null });
  });
});
