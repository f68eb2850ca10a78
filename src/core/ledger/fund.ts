import type { FundInfo } from '../shared/ports.js';

/** The fund a word names, by its name or one of its aliases, ignoring case. */
export function findFund(funds: readonly FundInfo[], word: string): FundInfo | undefined {
  const wanted = word.toLowerCase();
  return funds.find((fund) => fund.name === wanted || fund.aliases.includes(wanted));
}

/** Fund names and aliases are one lower-case word, so `/setor 5000 jimpitan` reads without quoting. */
export const FUND_WORD = /^[a-z][a-z0-9-]{1,29}$/;
