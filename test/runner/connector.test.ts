/** What kroll says of a connector's stdout lines that were no Airbyte messages, in words that agree with the count. */
import { describe, expect, it } from 'vitest';
import { strayLinesWarning } from '../../src/runner/connector.js';

const exit = (strayLines: number) => ({ code: 0, signal: null, strayLines });

describe('strayLinesWarning', () => {
  it('says nothing of none, and one line or many in agreeing words', () => {
    expect(strayLinesWarning('source-kroll', exit(0))).toBeUndefined();
    expect(strayLinesWarning('source-kroll', exit(1))).toBe('source-kroll printed 1 stdout line that is not an Airbyte message; it was ignored');
    expect(strayLinesWarning('destination-kroll', exit(1200))).toBe('destination-kroll printed 1,200 stdout lines that are not Airbyte messages; they were ignored');
  });
});
