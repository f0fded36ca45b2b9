/**
 * diagnose is for people: its stdout is the report and nothing else. A usage error goes to stderr
 * only; a diagnosis stopped by Ctrl-C is still a report (text, or JSON with --json), never a TRACE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Interrupted } from '../../../src/protocol/errors.js';
import type { Line, Report } from '../../../src/source/diagnose/report.js';
import { renderText } from '../../../src/source/diagnose/render.js';
import { Redactor } from '../../../src/protocol/redact.js';
import { sourceProgram } from '../../../src/source/program.js';
import { jsonFiles, runTextInProcess } from '../../helpers/run.js';
import { sandbox, sourceConfig, type Sandbox } from '../../helpers/sandbox.js';

let box: Sandbox;
beforeAll(async () => {
  box = await sandbox({ products: 50 });
});
afterAll(async () => {
  await box?.close();
});

describe('diagnose usage errors', () => {
  it.each([
    [['--recheck-seconds', '0'], '--recheck-seconds must be a number of seconds from 0.1 to 600, got "0".'],
    [['--recheck-seconds', 'soon'], '--recheck-seconds must be a number of seconds from 0.1 to 600, got "soon".'],
    [['--recheck-seconds'], '--recheck-seconds needs a value.'],
    [['--json=yes'], '--json takes no value.'],
    [['--verbose'], "Unknown option '--verbose'."],
  ])('%j: told on stderr with the usage, nothing on stdout, exit 2', async (extra, message) => {
    const config = jsonFiles({ config: sourceConfig(box) }).config!;
    const { code, stdout, stderr } = await runTextInProcess(sourceProgram, ['diagnose', '--config', config, ...extra]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`source-kroll: ${message}`);
    expect(stderr).toContain('usage: source-kroll diagnose --config FILE');
  });

  it('a missing --config too', async () => {
    const { code, stdout, stderr } = await runTextInProcess(sourceProgram, ['diagnose']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('source-kroll: Missing --config FILE.');
  });
});

describe('diagnose stopped by Ctrl-C', () => {
  /** Runs diagnose and stops it while it waits between its two looks at the files. */
  async function stopped(json: boolean) {
    const config = jsonFiles({ config: sourceConfig(box) }).config!;
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Interrupted('SIGINT')), 300);
    return runTextInProcess(sourceProgram, ['diagnose', '--config', config, '--recheck-seconds', '30', ...(json ? ['--json'] : [])], controller.signal);
  }

  it('prints the report of what it found, ending with why it stopped', async () => {
    const { code, stdout, stderr } = await stopped(false);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).not.toContain('"type"');
    expect(stdout).toMatch(/^source-kroll diagnose of /);
    expect(stdout).toContain('\nStopped\n  FAIL  stopped  Stopped by SIGINT before it finished. The sections above are what it found until then.\n');
    expect(stdout).toMatch(/\n  products +not known\n/);
    // Stopped while the config section alone was done, with no check failed: told as stopped, not as failed.
    expect(stdout).toMatch(/\nResult: STOPPED before it finished \(until then no check failed\)\.\n$/);
    expect(stdout).not.toContain('FAILED');
  });

  it('with --json, prints the report as one JSON document', async () => {
    const { stdout } = await stopped(true);
    const report = JSON.parse(stdout) as Report;
    expect(report.status).toBe('fail');
    expect(report.sections.map((s) => s.name)).toEqual(['config', 'stopped']);
    expect(report.sections.at(-1)!.lines).toEqual([
      expect.objectContaining({ status: 'fail', subject: 'diagnosis', message: 'Stopped by SIGINT before it finished. The sections above are what it found until then.' }),
    ]);
    expect(new Set(report.streams.map((s) => s.verdict))).toEqual(new Set(['not known']));
  });
});

describe("a stopped diagnosis's result line", () => {
  it('counts what failed and warned before the stop, and not the stop itself', () => {
    const line = (status: 'ok' | 'warn' | 'fail', check: string, subject: Line['subject'] = 'ftp'): Line => ({ status, check, message: check, subject });
    const report: Report = {
      status: 'fail',
      config_file: 'c.json',
      generated_at: '2026-12-04T07:00:00.000Z',
      sections: [
        { name: 'ftp', title: 'FTP', lines: [line('ok', 'login'), line('fail', 'listing'), line('warn', 'age'), line('warn', 'stable')] },
        { name: 'stopped', title: 'Stopped', lines: [line('fail', 'stopped', 'diagnosis')] },
      ],
      streams: [],
      what_to_do: [],
    };
    expect(renderText(report, new Redactor([])).trimEnd().split('\n').at(-1)).toBe('Result: STOPPED before it finished (until then 1 check failed, 2 warnings).');
  });
});
