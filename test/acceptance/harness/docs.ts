/**
 * Airbyte's documentation checks for a connector page: headings in the order of Airbyte's page
 * template, with its optional headings and the places where a connector adds its own; the
 * Prerequisites section naming the title of every required spec field; the changelog.
 */
import MarkdownIt from 'markdown-it';

export interface Heading {
  level: number;
  text: string;
  /** The section's lines: from after the heading up to the next heading. */
  section: string;
}

export function headingsOf(markdown: string): Heading[] {
  const tokens = new MarkdownIt('commonmark').parse(markdown, {});
  const lines = markdown.split('\n');
  const found: { level: number; text: string; start: number; end: number }[] = [];
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open' && token.map) {
      found.push({ level: Number(token.tag.slice(1)), text: tokens[i + 1]!.content, start: token.map[0], end: token.map[1] });
    }
  });
  return found.map((h, i) => ({
    level: h.level,
    text: h.text,
    section: lines.slice(h.end, found[i + 1]?.start ?? lines.length).join('\n'),
  }));
}

/** The fenced code blocks of a piece of markdown, in order: their info string (`json`, `sh`) and text. */
export function codeBlocksOf(markdown: string): { info: string; text: string }[] {
  return new MarkdownIt('commonmark')
    .parse(markdown, {})
    .filter((token) => token.type === 'fence')
    .map((token) => ({ info: token.info.trim(), text: token.content }));
}

/** A heading of the template, a heading the page may leave out, or a place for the connector's own. */
type TemplateEntry = { heading: string; optional?: true } | 'own headings';

function template(name: string): TemplateEntry[] {
  return [
    { heading: name },
    { heading: 'Prerequisites' },
    { heading: 'Setup guide' },
    { heading: `Set up ${name}` },
    { heading: 'For Airbyte Cloud:', optional: true },
    { heading: 'For Airbyte Open Source:', optional: true },
    'own headings',
    { heading: `Set up the ${name} connector in Airbyte`, optional: true },
    { heading: 'For Airbyte Cloud:', optional: true },
    { heading: 'For Airbyte Open Source:', optional: true },
    'own headings',
    { heading: 'Supported sync modes' },
    { heading: 'Supported Streams' },
    'own headings',
    { heading: 'Performance considerations', optional: true },
    { heading: 'Data type map', optional: true },
    { heading: 'Limitations & Troubleshooting', optional: true },
    'own headings',
    { heading: 'Tutorials', optional: true },
    { heading: 'Changelog' },
  ];
}

/** "Step 1: Do this" is the heading "Do this" for the template. */
const withoutStep = (text: string): string => text.replace(/^Step [12]: /, '');

/** Problems with the order of the page's headings (h1 to h4), as Airbyte's check walks them. */
export function headingOrderProblems(markdown: string, name: string): string[] {
  const actual = headingsOf(markdown).filter((h) => h.level <= 4).map((h) => withoutStep(h.text));
  const expected = template(name);
  const templateHeadings = new Set(expected.flatMap((e) => (e === 'own headings' ? [] : [e.heading])));
  let a = 0;
  let e = 0;
  while (a < actual.length && e < expected.length) {
    const entry = expected[e]!;
    if (entry === 'own headings') {
      // The connector's own headings go on until the next heading of the template.
      if (templateHeadings.has(actual[a]!)) e++;
      else a++;
    } else if (actual[a] === entry.heading) {
      a++;
      e++;
    } else if (entry.optional) {
      e++;
    } else {
      return [`heading '${actual[a]}' where the template has '${entry.heading}'`];
    }
  }
  const missing = expected.slice(e).filter((x) => x !== 'own headings' && !x.optional);
  if (missing.length > 0) return [`missing headings: ${missing.map((m) => (m as { heading: string }).heading).join(', ')}`];
  if (a < actual.length) return [`headings after the changelog: ${actual.slice(a).join(', ')}`];
  return [];
}

/** The titles of the spec's required fields that the Prerequisites section does not name. */
export function prerequisitesProblems(markdown: string, connectionSpecification: { required?: string[]; properties: Record<string, { title?: string }> }): string[] {
  const sections = headingsOf(markdown).filter((h) => h.text === 'Prerequisites');
  if (sections.length !== 1) return [`${sections.length} Prerequisites sections`];
  const text = sections[0]!.section.toLowerCase();
  return (connectionSpecification.required ?? [])
    .map((field) => connectionSpecification.properties[field]?.title ?? field)
    .filter((title) => !text.includes(title.toLowerCase()))
    .map((title) => `Prerequisites does not name '${title}'`);
}
