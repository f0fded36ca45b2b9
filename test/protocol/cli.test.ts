import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { destinationProgram } from '../../src/destination/program.js';
import { sourceProgram } from '../../src/source/program.js';
import { PROTOCOL_YAML } from '../helpers/protocol.js';
import { runInProcess } from '../helpers/run.js';

describe('command line', () => {
  it.each([
    [[], 'No command given.'],
    [['sync'], "Unknown command 'sync'."],
    [['check'], 'Missing --config FILE.'],
    [['read', '--config', 'c.json'], 'Missing --catalog FILE.'],
    [['check', '--config'], '--config needs a file path.'],
    [['check', '--config', 'c.json', '--verbose'], "Unknown option '--verbose'."],
    [['check', '--config', 'a.json', '--config', 'b.json'], '--config is given twice.'],
  ])('%j is a usage error: a config_error TRACE and exit 2', async (argv, message) => {
    const { code, messages } = await runInProcess(sourceProgram, argv);
    expect(code).toBe(2);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.trace!.error).toMatchObject({ failure_type: 'config_error' });
    expect(messages[0]!.trace!.error!.message).toContain(message);
    // Then what to type: that command's usage, or without a command the commands there are.
    const instead =
      argv[0] === 'check' ? 'Usage: source-kroll check --config FILE' :
      argv[0] === 'read' ? 'Usage: source-kroll read --config FILE --catalog FILE [--state FILE]' :
      'source-kroll takes one of: spec, check, discover, read, diagnose (see its usage on stderr).';
    expect(messages[0]!.trace!.error!.message).toBe(`${message} ${instead}`);
  });

  it('accepts --debug, which the platform may add', async () => {
    const { code, messages } = await runInProcess(sourceProgram, ['spec', '--debug']);
    expect(code).toBe(0);
    expect(messages.map((m) => m.type)).toEqual(['SPEC']);
  });

  it.each([['--help'], ['help'], ['-h']])('%s prints the usage on stderr, nothing on stdout, exit 0', async (flag) => {
    const { code, stdout, stderr } = await runInProcess(sourceProgram, [flag]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('source-kroll read --config FILE --catalog FILE [--state FILE]');
    expect(stderr).toContain('source-kroll diagnose --config FILE [--json] [--recheck-seconds S]');
  });

  it.each([
    [sourceProgram, ['spec', '--help'], 'usage: source-kroll spec'],
    [sourceProgram, ['check', '-h'], 'usage: source-kroll check --config FILE'],
    [sourceProgram, ['discover', '--help'], 'usage: source-kroll discover --config FILE'],
    [sourceProgram, ['read', '--help'], 'usage: source-kroll read --config FILE --catalog FILE [--state FILE]'],
    [sourceProgram, ['read', '--config', 'c.json', '-h'], 'usage: source-kroll read --config FILE --catalog FILE [--state FILE]'],
    [sourceProgram, ['diagnose', '--help'], 'usage: source-kroll diagnose --config FILE [--json] [--recheck-seconds S]\n\ndiagnose is for people'],
    [destinationProgram, ['check', '--help'], 'usage: destination-kroll check --config FILE'],
    [destinationProgram, ['write', '--help'], 'usage: destination-kroll write --config FILE --catalog FILE < messages\n\nwrite reads Airbyte messages'],
    [destinationProgram, ['write', '--catalog', 'c.json', '--help', '--config', 'x.json'], 'usage: destination-kroll write --config FILE --catalog FILE < messages'],
  ])('%#: --help after a command prints its usage on stderr, nothing on stdout, exit 0', async (program, argv, text) => {
    const { code, stdout, stderr } = await runInProcess(program, argv);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr.startsWith(text)).toBe(true);
    // That command's usage only.
    expect(stderr.match(/^\s*(usage: )?\S+-kroll /gm)).toHaveLength(1);
  });

  it('lists every command of a program in its usage', async () => {
    for (const program of [sourceProgram, destinationProgram]) {
      const { stderr } = await runInProcess(program, ['--help']);
      for (const name of Object.keys(program.commands)) expect(stderr).toMatch(new RegExp(`^(usage: | {7})${program.name} ${name}\\b`, 'm'));
    }
  });

  it('accepts --config=FILE as well as --config FILE', async () => {
    const { code, messages } = await runInProcess(sourceProgram, ['check', '--config=/nonexistent/c.json']);
    expect(code).toBe(0);
    expect(messages[0]!.connectionStatus).toEqual({ status: 'FAILED', message: 'The config file /nonexistent/c.json does not exist.' });
  });
});

describe('the vendored protocol schema', () => {
  it('is the upstream file its README names (git blob 3aed9378)', () => {
    const bytes = readFileSync(PROTOCOL_YAML);
    const blob = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    expect(blob).toBe('3aed937886a8c5f717b1b4b7c85aa7f9ce896273');
  });
});
