/** Whole rupiah. Branded so a plain bigint of another meaning cannot be passed by mistake. */
export type Rupiah = bigint & { readonly __brand: 'Rupiah' };
export const rupiah = (n: bigint): Rupiah => n as Rupiah;
/** Unit a fund is kept in. Goods are stored as integer thousandths: grams for kg, millilitres for liter. */
export type FundUnit = 'IDR' | 'kg' | 'liter';
/** A quantity of one unit in its smallest integer step (rupiah, grams, millilitres). */
export interface Quantity { readonly unit: FundUnit; readonly value: bigint }
