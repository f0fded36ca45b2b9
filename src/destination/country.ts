/**
 * Ship-to country codes: a record may carry ISO 3166-1 alpha-2 (`US`) or alpha-3 (`USA`); Kroll is
 * sent the style the config asks for. The table of codes is iso-3166-1's (the standard's 249
 * entries), not one of our own.
 */
import iso3166 from 'iso-3166-1';

export type CountryCodeStyle = 'US' | 'USA';

/** The code in the given style, or undefined when the text is no ISO 3166-1 code. */
export function countryCode(text: string, style: CountryCodeStyle): string | undefined {
  const code = text.trim().toUpperCase();
  const country = code.length === 2 ? iso3166.whereAlpha2(code) : code.length === 3 ? iso3166.whereAlpha3(code) : undefined;
  if (country === undefined) return undefined;
  return style === 'US' ? country.alpha2 : country.alpha3;
}
