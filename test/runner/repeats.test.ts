import { describe, expect, it } from 'vitest';
import { RepeatedWarnings } from '../../src/runner/repeats.js';

describe('repeated warnings', () => {
  it('shows the first three of a kind, whatever their numbers and ids, and counts the rest', () => {
    const warnings = new RepeatedWarnings();
    const shown = ['WEB-100003', 'PH-100008', 'WEB-100011', 'PH-100012', 'WEB-100020'].map((po) =>
      warnings.admit(`Cannot find a purchase order for shipment ${po}`),
    );
    expect(shown).toEqual([true, true, true, false, false]);
    expect(warnings.summary()).toEqual(['2 more warnings like "Cannot find a purchase order for shipment …" (--verbose shows every one)']);
  });

  it('keeps warnings of other kinds apart, and says nothing of kinds shown in full', () => {
    const warnings = new RepeatedWarnings();
    for (let line = 1; line <= 4; line++) warnings.admit(`/ProductData/Kroll_Complete_Catalog.txt line ${line} has 3 fields, expected 21; skipped.`);
    expect(warnings.admit('The state is in the future.')).toBe(true);
    expect(warnings.admit('The state is in the future.')).toBe(true);
    expect(warnings.summary()).toEqual(['1 more warning like "/ProductData/Kroll_Complete_Catalog.txt line … has … fields, expected …; skipped." (--verbose shows every one)']);
  });
});
