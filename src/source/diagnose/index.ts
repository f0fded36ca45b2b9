/**
 * `source-kroll diagnose --config FILE [--json] [--recheck-seconds S]`: one command that shows a
 * dealer (and us) what of their Kroll account matches what the connector expects, and what to
 * change. It is for people, not part of the Airbyte protocol: its stdout is the report (text, or
 * one JSON document with --json), not protocol messages, and no platform runs it. It never writes
 * on the FTP server and never orders anything; every secret of the config is masked. Exit 1 when
 * a check failed, else 0 (warnings included). A usage error is told on stderr only (exit 2); a
 * diagnosis stopped by a signal or an unforeseen error is still a report, ending with why.
 */
import type { CommandArgs } from '../../protocol/cli.js';
import { UsageError } from '../../protocol/cli.js';
import { Interrupted } from '../../protocol/errors.js';
import type { MessageWriter } from '../../protocol/output.js';
import { streams } from '../streams/index.js';
import { diagnoseApi } from './api.js';
import { diagnoseConfig } from './config.js';
import { diagnoseFtp } from './ftp.js';
import { renderJson, renderText } from './render.js';
import { SectionBuilder, errorMessage, worst, type Report, type Section } from './report.js';
import { streamVerdicts } from './requirements.js';

/** The last section of a diagnosis that stopped: by a signal, or on an error nobody foresaw (a bug). */
function stoppedSection(error: unknown): Section {
  const section = new SectionBuilder('stopped', 'Stopped');
  if (error instanceof Interrupted) {
    section.fail('diagnosis', 'stopped', `${error.message} The sections above are what it found until then.`, { fix: 'Run diagnose again to see the rest.' });
  } else {
    section.fail('diagnosis', 'error', `The diagnosis failed: ${errorMessage(error)}`, {
      fix: "Report this output to the connector's maintainers.",
      ...(error instanceof Error && error.stack ? { detail: error.stack.split('\n').slice(1, 6).map((l) => l.trim()), data: { stack: error.stack } } : {}),
    });
  }
  return section.build();
}

/** Two looks at a file's size this far apart tell a file Kroll is still writing. */
export const DEFAULT_RECHECK_SECONDS = 5;

function recheckMs(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_RECHECK_SECONDS * 1000;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(value >= 0.1 && value <= 600)) throw new UsageError(`--recheck-seconds must be a number of seconds from 0.1 to 600, got "${raw}".`);
  return value * 1000;
}

export async function runDiagnose(args: CommandArgs, out: MessageWriter, signal: AbortSignal): Promise<number> {
  const wait = recheckMs(args['recheck-seconds']);
  const path = args.config!;
  const generatedAt = new Date().toISOString();
  const names = streams.map((s) => s.name);

  const { section, config, redactor } = diagnoseConfig(path);
  const sections: Section[] = [section];
  let stopped: Section | undefined;
  try {
    if (config) {
      const ftp = await diagnoseFtp(config, { recheckMs: wait, signal });
      sections.push(...ftp.sections);
      sections.push(await diagnoseApi(config, { signal, sku: ftp.sku, streams: names }));
    }
  } catch (error) {
    // Still a report, on stdout as ever: what was found until then, and why it ends there.
    stopped = stoppedSection(signal.aborted ? signal.reason : error);
  }
  const shown = [...sections, ...(stopped ? [stopped] : [])].filter((s) => s.lines.length > 0);
  const lines = shown.flatMap((s) => s.lines);
  const report: Report = {
    status: worst(lines.map((l) => l.status)),
    config_file: path,
    generated_at: generatedAt,
    sections: shown,
    streams: stopped ? names.map((stream) => ({ stream, verdict: 'not known', reasons: ['The diagnosis stopped before it finished.'] })) : streamVerdicts(shown, names, config),
    what_to_do: [...new Set(lines.filter((l) => l.status !== 'ok' && l.fix).map((l) => l.fix!))],
  };
  out.text(args.json ? renderJson(report, redactor) : renderText(report, redactor));
  return report.status === 'fail' ? 1 : 0;
}
