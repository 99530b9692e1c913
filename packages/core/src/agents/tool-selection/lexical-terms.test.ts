import { describe, expect, it } from 'vitest';
import { lexicalTerms } from './lexical-terms';

describe('lexicalTerms', () => {
  it('splits names, drops stop words and meets plurals with singulars', () => {
    expect(lexicalTerms('getExchangeRate convert_currencies to the JPY-rates')).toEqual([
      'get',
      'exchange',
      'rate',
      'convert',
      'currency',
      'jpy',
      'rate',
    ]);
  });
});
