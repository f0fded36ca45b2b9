/** The diagnosis as text for people, or as one JSON document for tooling; secrets masked in both. */
import type { Redactor } from '../../protocol/redact.js';
import type { CheckStatus, Line, Report } from './report.js';

const MARK: Record<CheckStatus, string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL' };
const INDENT = '  ';

function lineText(line: Line, checkWidth: number): string[] {
  const head = `${INDENT}${MARK[line.status].padEnd(4)}  ${line.check.padEnd(checkWidth)}  `;
  const pad = ' '.repeat(head.length + 2);
  return [`${head}${line.message}`, ...(line.detail ?? []).map((d) => `${pad}${d}`), ...(line.fix && line.status !== 'ok' ? [`${pad}-> ${line.fix}`] : [])];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The line of a diagnosis stopped by a signal (index.ts stoppedSection). */
const isStop = (line: Line): boolean => line.subject === 'diagnosis' && line.check === 'stopped';

export function renderText(report: Report, redactor: Redactor): string {
  const out: string[] = [`source-kroll diagnose of ${report.config_file}, ${report.generated_at.slice(0, 19).replace('T', ' ')} UTC`];
  for (const section of report.sections) {
    const width = Math.max(...section.lines.map((l) => l.check.length));
    out.push('', section.title, ...section.lines.flatMap((line) => lineText(line, width)));
  }
  if (report.streams.length > 0) {
    const width = Math.max(...report.streams.map((s) => s.stream.length));
    out.push('', 'Streams');
    for (const s of report.streams) {
      out.push(`${INDENT}${s.stream.padEnd(width)}  ${s.verdict}`);
      for (const reason of s.reasons) out.push(`${INDENT}${' '.repeat(width)}    ${reason}`);
    }
  }
  if (report.what_to_do.length > 0) out.push('', 'What to do', ...report.what_to_do.map((fix) => `${INDENT}- ${fix}`));
  // A diagnosis stopped by a signal did not fail: the "stopped" line is no check, and is told as what it is.
  const all = report.sections.flatMap((s) => s.lines);
  const stopped = all.some(isStop);
  const lines = all.filter((l) => !isStop(l));
  const failed = lines.filter((l) => l.status === 'fail').length;
  const warned = lines.filter((l) => l.status === 'warn').length;
  const result = stopped
    ? `STOPPED before it finished (until then ${failed || warned ? [failed && `${plural(failed, 'check')} failed`, warned && plural(warned, 'warning')].filter(Boolean).join(', ') : 'no check failed'})`
    : report.status === 'fail'
      ? `FAILED: ${plural(failed, 'check')} failed${warned ? `, ${plural(warned, 'warning')}` : ''}`
      : report.status === 'warn'
        ? `ok, with ${plural(warned, 'warning')}`
        : `ok: all ${plural(lines.length, 'check')} passed`;
  out.push('', `Result: ${result}.`, '');
  return redactor.redact(out.join('\n'));
}

/** One JSON document; secrets are masked in string values, so that no secret can break its structure. */
export function renderJson(report: Report, redactor: Redactor): string {
  const document = { ...report, sections: report.sections.map((s) => ({ ...s, lines: s.lines.map(({ detail: _detail, ...line }) => line) })) };
  return `${JSON.stringify(document, (_key, value: unknown) => (typeof value === 'string' ? redactor.redact(value) : value), 2)}\n`;
}
