import { type FundInfo, type FundUnit, isRole, type Role, type WksbmInfo, WksError } from '../core/index.js';

/** Includes that give a fund row everything `toFundInfo` needs. */
export const fundWithAliases = { aliases: { select: { alias: true }, orderBy: { id: 'asc' } } } as const;

const UNITS: readonly string[] = ['IDR', 'kg', 'liter'] satisfies FundUnit[];

export function toFundInfo(row: { id: number; name: string; unit: string; aliases: { alias: string }[] }): FundInfo {
  if (!UNITS.includes(row.unit)) throw new WksError('WKS_ERR_STORE', `fund ${row.id} has unknown unit ${row.unit}`);
  return { id: row.id, name: row.name, unit: row.unit as FundUnit, aliases: row.aliases.map((a) => a.alias) };
}

export function toRole(value: string): Role {
  if (!isRole(value)) throw new WksError('WKS_ERR_STORE', `unknown role ${value}`);
  return value;
}

export const toWksbmInfo = (row: { id: number; name: string; timeZone: string }): WksbmInfo => ({
  id: row.id,
  name: row.name,
  timeZone: row.timeZone,
});
