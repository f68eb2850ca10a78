import type { FundUnit, Quantity } from './quantity.js';

/** A whole number with thousands dots, as Indonesians write it: 200.016. */
export const formatCount = (n: number | bigint): string => n.toString().replace(/\B(?=(?:[0-9]{3})+$)/g, '.');

/** Rupiah as Indonesians write them: "Rp1.250.000", with the minus before the currency. */
export function formatRupiah(n: bigint): string {
  const sign = n < 0n ? '-' : '';
  return `${sign}Rp${formatCount(n < 0n ? -n : n)}`;
}

/**
 * A quantity in its unit, goods with a decimal comma ("1,5 kg"). Goods get no thousands dots because
 * "1.234 kg" reads back as ambiguous while "1234 kg" cannot, so what the bot shows can be typed back.
 */
export function formatQuantity(q: Quantity): string {
  if (q.unit === 'IDR') return formatRupiah(q.value);
  const sign = q.value < 0n ? '-' : '';
  const thousandths = q.value < 0n ? -q.value : q.value;
  const fraction = (thousandths % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${sign}${thousandths / 1000n}${fraction === '' ? '' : `,${fraction}`} ${unitLabel(q.unit)}`;
}

export function unitLabel(unit: FundUnit): string {
  switch (unit) {
    case 'IDR': return 'rupiah';
    case 'kg': return 'kg';
    case 'liter': return 'liter';
  }
}
