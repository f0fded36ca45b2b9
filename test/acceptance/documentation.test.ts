/**
 * The connector pages in docs/integrations/ follow Airbyte's documentation format and say what the
 * connectors really have: every spec field, every discovered stream, the changelog of this version.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { destinationSpec } from '../../src/destination/spec.js';
import { discover } from '../../src/source/discover.js';
import { sourceSpec } from '../../src/source/spec.js';
import { parsePushArgs } from '../../src/runner/cli.js';
import { parseCli } from '../../src/sandbox/cli.js';
import { codeBlocksOf, headingOrderProblems, headingsOf, prerequisitesProblems } from './harness/docs.js';
import { connectorMetadata, packageJson, readRepoJson, readRepoText, repoFileOfUrl, repoPath } from './harness/repo.js';

const pkg = packageJson();

describe.each(connectorMetadata())('the $folder page', ({ data }) => {
  const file = repoFileOfUrl(data.documentationUrl)!;
  const page = readRepoText(file);
  const section = (heading: string) => headingsOf(page).find((h) => h.text === heading)?.section ?? '';

  it("has the headings of Airbyte's template, in its order", () => {
    expect(headingOrderProblems(page, data.name)).toEqual([]);
  });

  it("opens with the template's introduction and sync-mode sentence", () => {
    expect(section(data.name)).toContain(
      `<HideInUI>\n\nThis page contains the setup guide and reference information for the [${data.name}](${data.documentationUrl}) ${data.connectorType} connector.\n\n</HideInUI>`,
    );
    expect(section('Supported sync modes').trimStart()).toMatch(
      new RegExp(`^The ${data.name} ${data.connectorType} connector supports the following \\[sync modes\\]\\(https://docs\\.airbyte\\.com/cloud/core-concepts/#connection-sync-modes\\):`),
    );
  });

  it('says what to ask Kroll for, and lists its limitations', () => {
    expect(section('Prerequisites')).toMatch(/API key/);
    const limitations = section("Kroll's limitations");
    for (const limit of [/no acknowledgements/i, /cancel/i]) expect(limitations).toMatch(limit);
  });

  it('links to files that exist, and to the web over https only', () => {
    const links = [...page.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      if (/^[a-z]+:/.test(link)) expect(link).toMatch(/^https:\/\//);
      else expect(existsSync(join(dirname(repoPath(file)), link.split('#')[0]!)), link).toBe(true);
    }
  });
});

describe('the source page', () => {
  const page = readRepoText('docs/integrations/sources/kroll.md');
  const section = (heading: string) => headingsOf(page).find((h) => h.text === heading)?.section ?? '';

  it('names the title of every required spec field in Prerequisites', () => {
    expect(prerequisitesProblems(page, sourceSpec.connectionSpecification as never)).toEqual([]);
  });

  it('documents every spec field in the configuration reference', () => {
    const reference = section('Configuration reference');
    const properties = (sourceSpec.connectionSpecification as { properties: Record<string, { title: string }> }).properties;
    for (const [name, { title }] of Object.entries(properties)) expect(reference, name).toContain(`| ${title} | \`${name}\` |`);
  });

  it('documents every stream the source discovers, with its keys and sync modes', () => {
    const streams = section('Supported Streams');
    for (const stream of discover().streams) {
      const row = streams.split('\n').find((line) => line.startsWith(`| \`${stream.name}\` |`));
      expect(row, stream.name).toBeDefined();
      expect(row).toContain(stream.supported_sync_modes.map((m) => m.replace('_', ' ')).join(', '));
      for (const key of stream.source_defined_primary_key ?? []) expect(row).toContain(`\`${key.join('.')}\``);
      for (const cursor of stream.default_cursor_field ?? []) expect(row).toContain(`\`${cursor}\``);
    }
  });

  it('troubleshoots the unknown-PO warning, duplicate purchase orders and stale or mid-upload files', () => {
    const troubleshooting = section('Troubleshooting');
    expect(troubleshooting).toContain('Cannot find a purchase order for shipment {po}');
    expect(troubleshooting).toMatch(/Duplicate purchase orders/);
    expect(troubleshooting).toMatch(/Stale files/);
    expect(troubleshooting).toMatch(/mid-upload/);
  });

  it('has a changelog entry for this version, as CHANGELOG.md has', () => {
    const changelog = section('Changelog');
    expect(changelog).toMatch(/^<details>\n {2}<summary>Expand to review<\/summary>/m);
    expect(changelog).toMatch(new RegExp(`^\\| ${pkg.version.replace(/\./g, '\\.')} \\| \\d{4}-\\d{2}-\\d{2} \\|`, 'm'));
    expect(readRepoText('CHANGELOG.md')).toMatch(new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')} - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
  });
});

describe('the destination page', () => {
  const page = readRepoText('docs/integrations/destinations/kroll.md');
  const section = (heading: string) => headingsOf(page).find((h) => h.text === heading)?.section ?? '';
  const spec = destinationSpec.connectionSpecification as {
    required: string[];
    properties: Record<string, { title: string; properties?: Record<string, { title: string; default: string }> }>;
  };

  it('names the title of every required spec field in Prerequisites', () => {
    expect(prerequisitesProblems(page, spec as never)).toEqual([]);
  });

  it('documents every spec field in the configuration reference, and every entry of the mapping template', () => {
    const reference = section('Configuration reference');
    for (const [name, { title }] of Object.entries(spec.properties)) expect(reference, name).toContain(`| ${title} | \`${name}\` |`);
    const template = section('Mapping template');
    for (const [name, { title, default: path }] of Object.entries(spec.properties.field_mapping!.properties!)) {
      expect(template, name).toContain(`| ${title} | \`${name}\` | \`${path}\` |`);
    }
  });

  it('documents every field of its stream, and the sync modes its spec declares', () => {
    const stream = section('`fulfillment_requests`');
    const schema = readRepoJson<{ properties: Record<string, unknown> }>('catalogs', 'fulfillment_requests.json');
    for (const field of Object.keys(schema.properties)) expect(stream, field).toContain(`| \`${field}\` |`);
    const modes = section('Supported sync modes');
    expect(destinationSpec.supported_destination_sync_modes).toEqual(['append', 'append_dedup']);
    expect(modes).toContain('- Incremental - Append\n');
    expect(modes).toContain('- Incremental - Append + Deduped');
    expect(modes).not.toMatch(/^- .*Overwrite/m);
  });

  it('shows commands that take the options it shows them with', () => {
    const commands = codeBlocksOf(page)
      .filter((b) => b.info === 'sh')
      .flatMap((b) => b.text.split('\n'))
      .filter(Boolean);
    expect(commands.length).toBeGreaterThan(0);
    for (const line of commands) {
      const [npx, bin, ...args] = line.trim().split(/\s+/);
      expect(npx, line).toBe('npx');
      if (bin === 'kroll-sandbox') expect(parseCli(args), line).not.toBe('help');
      else if (bin === 'kroll' && args[0] === 'push') expect(parsePushArgs(args.slice(1)).input, line).toBeDefined();
      else throw new Error(`the page shows a command the test does not know: ${line}`);
    }
  });

  it('troubleshoots duplicate purchase orders and rejected orders', () => {
    const troubleshooting = section('Troubleshooting');
    expect(troubleshooting).toMatch(/\*\*Duplicate purchase orders\*\*: .*DuplicatePurchaseOrder/s);
    expect(troubleshooting).toMatch(/\*\*Rejected orders\*\*/);
  });

  it('has a changelog entry for what CHANGELOG.md has unreleased for the destination', () => {
    const changelog = section('Changelog');
    expect(changelog).toMatch(/^<details>\n {2}<summary>Expand to review<\/summary>/m);
    expect(changelog).toMatch(/^\| Unreleased \| \| \| .*fulfillment_requests/m);
    const unreleased = readRepoText('CHANGELOG.md').split(/^## /m).find((s) => s.startsWith('Unreleased'))!;
    expect(unreleased).toContain('`destination-kroll`');
  });
});
