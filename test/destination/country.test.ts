/** Ship-to country codes in either ISO 3166-1 style, sent in the configured one. The pairs are the standard's. */
import { describe, expect, it } from 'vitest';
import { countryCode } from '../../src/destination/country.js';

// ISO 3166-1 alpha-2 and alpha-3 of the countries a US dealer ships to most, and a few that trip
// up naive tables (GB is GBR, not UK; territories have their own codes).
const PAIRS = [
  ['US', 'USA'], ['CA', 'CAN'], ['MX', 'MEX'], ['PR', 'PRI'], ['GU', 'GUM'], ['VI', 'VIR'], ['GB', 'GBR'],
  ['DE', 'DEU'], ['FR', 'FRA'], ['AU', 'AUS'], ['JP', 'JPN'], ['NL', 'NLD'], ['CH', 'CHE'], ['IE', 'IRL'],
  ['KR', 'KOR'], ['BR', 'BRA'], ['ZA', 'ZAF'], ['NZ', 'NZL'], ['IL', 'ISR'], ['ES', 'ESP'],
] as const;

describe('country codes', () => {
  it.each(PAIRS)('%s and %s convert both ways, whatever the case or spaces', (alpha2, alpha3) => {
    for (const given of [alpha2, alpha3, alpha2.toLowerCase(), ` ${alpha3.toLowerCase()} `]) {
      expect(countryCode(given, 'US')).toBe(alpha2);
      expect(countryCode(given, 'USA')).toBe(alpha3);
    }
  });

  it.each(['', 'U', 'UK', 'XX', 'USAA', 'United States', '840'])('%j is no ISO 3166-1 code', (given) => {
    expect(countryCode(given, 'US')).toBeUndefined();
  });
});
