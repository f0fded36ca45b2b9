/**
 * The README's destination example, run as written against the sandbox: its config (with the
 * sandbox's API key and URL, as the README says), its catalog and its stdin, taken from the README
 * itself, so the example cannot drift from what the destination does.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlocksOf, headingsOf } from '../acceptance/harness/docs.js';
import { Connector } from '../acceptance/harness/connector.js';
import { repoPath } from '../acceptance/harness/repo.js';
import { parseMessages } from '../helpers/protocol.js';
import { sandbox, type Sandbox } from '../helpers/sandbox.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = headingsOf(readme).find((h) => h.text === 'Sending orders to Kroll: `destination-kroll`')!.section;
const [config, catalog, stdin, answer] = codeBlocksOf(section).filter((b) => b.info === 'json');

let box: Sandbox;
beforeAll(async () => {
  // The default sandbox's data (seed 1), fewer products: the example's SKU is its first.
  box = await sandbox({ products: 50 });
});
afterAll(async () => {
  await box?.close();
});

describe("the README's destination example", () => {
  it('has its config, catalog, stdin and answer', () => {
    expect([config, catalog, stdin, answer].map((b) => b?.info)).toEqual(['json', 'json', 'json', 'json']);
  });

  it('places the order and answers exactly as the README shows', async () => {
    const sandboxConfig = box.info.destination_config;
    const run = await new Connector('destination-kroll', [process.execPath, repoPath('bin', 'destination-kroll')], {
      secrets: [String(sandboxConfig.api_password)],
    }).run('write', {
      config: { ...(JSON.parse(config!.text) as object), api_password: sandboxConfig.api_password, api_base_url: sandboxConfig.api_base_url },
      catalog: JSON.parse(catalog!.text) as unknown,
      stdin: stdin!.text,
    });

    expect(run.code, run.stderr).toBe(0);
    expect(run.messages).toEqual(parseMessages(answer!.text));
    // And the sandbox holds the order as the example describes it.
    const record = (parseMessages(stdin!.text)[0]!.record!.data as { order_id: string; lines: { sku: string; quantity: number }[] });
    expect(box.api.placedOrders().map((p) => [p.request.purchaseOrderNumber, p.request.shipVia, p.order.orderConfirmationNumber, p.request.detailLines])).toEqual([
      [record.order_id, 'UPSGround', '8000001', record.lines.map((l, i) => ({ lineNumber: i + 1, quantityOrdered: l.quantity, sku: l.sku }))],
    ]);
  });
});
