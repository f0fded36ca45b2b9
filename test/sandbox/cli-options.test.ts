/** kroll-sandbox's options as parsed, and the warnings it starts with: in this process, no server started. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli, startWarnings } from '../../src/sandbox/cli.js';
import { testFolder } from '../helpers/temp.js';

describe('options that shape generated files, given with --ftp-root', () => {
  it.each([
    [['--products', '10'], '--products shapes the generated product files; with --ftp-root the folder is served as it is'],
    [['--ftp-file-age-hours', '5', '--ftp-reorder-columns'], '--ftp-file-age-hours, --ftp-reorder-columns shape the generated product files; with --ftp-root the folder is served as it is'],
    [['--ftp-rename-column', 'catalog:Sku=Item'], '--ftp-rename-column shapes the generated product files; with --ftp-root the folder is served as it is'],
    [['--ftp-extra-column', 'catalog:Bin'], '--ftp-extra-column shapes the generated product files; with --ftp-root the folder is served as it is'],
  ])('%j is a usage error in the flags\' own names', (extra, message) => {
    expect(() => parseCli(['--ftp-root', '/srv/kroll', ...extra])).toThrow(message);
  });

  it('--seed and the fault switches are fine with --ftp-root', () => {
    const root = testFolder('kroll-sandbox-root-');
    expect(parseCli(['--ftp-root', root, '--seed', '-4', '--ftp-drop-reads', '1'])).toEqual({ ftpRoot: root, seed: -4, ftpDropReads: 1 });
  });
});

describe('negative numbers', () => {
  it.each([
    ['--products', '-1', '--products must be a whole number from 0 to 9000000, got "-1"'],
    ['--orders', '-1', '--orders must be a whole number from 0 to 2000000, got "-1"'],
  ])('%s %s says what the value must be', (option, value, message) => {
    expect(() => parseCli([option, value])).toThrow(message);
  });

  it('a negative --seed is a seed', () => {
    expect(parseCli(['--seed', '-7'])).toEqual({ seed: -7 });
  });
});

describe('the warnings at start', () => {
  const clock = Date.parse('2026-12-04T12:00:00Z');

  it('warns when --now is later than the machine clock: reads see only the orders before the clock', () => {
    expect(startWarnings({ now: new Date('2027-03-01T00:00:00Z') }, clock)).toEqual([
      "--now 2027-03-01T00:00:00.000Z is later than this machine's clock (2026-12-04T12:00:00.000Z): a read asks for the records dated up to its own clock, " +
        'so it sees only the orders before that; start the sandbox with a --now before it to see them all',
    ]);
    expect(startWarnings({ now: new Date('2026-11-01T00:00:00Z') }, clock)).toEqual([]);
  });

  it('warns when --ftp-root has no ProductData/ folder', () => {
    const root = testFolder('kroll-sandbox-root-');
    expect(startWarnings({ ftpRoot: root }, clock)).toEqual([
      `--ftp-root ${root} has no ProductData/ folder: the connector looks for the product files in /ProductData/, and will find none`,
    ]);
    mkdirSync(join(root, 'ProductData'));
    expect(startWarnings({ ftpRoot: root }, clock)).toEqual([]);
  });
});
