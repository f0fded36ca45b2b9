/**
 * `kroll push` run as a user runs it (bin/kroll, a child process) against a sandbox over loopback.
 * What was placed is asked of the sandbox (the orders it holds, the calls it received), never
 * taken from push's own output.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FulfillmentRequestsRecord } from '../../src/generated/records.js';
import { destinationUnderTest, request, type DestinationUnderTest } from '../destination/helpers.js';
import { query } from './helpers.js';
import { kroll } from './kroll.js';
import { placedWith, pushFiles, submittedWith, summaryCount } from './push-helpers.js';

let under: DestinationUnderTest;
beforeAll(async () => {
  under = await destinationUnderTest({ seed: 61 });
});
afterAll(async () => {
  await under?.close();
});

const records = (prefix: string, count: number): FulfillmentRequestsRecord[] => Array.from({ length: count }, (_, i) => request(`${prefix}-${i + 1}`, under));

/** Each record placed exactly once, with the fields it was sent with, as the sandbox read them. */
function expectPlacedOnce(sent: FulfillmentRequestsRecord[], prefix: string): void {
  const placed = placedWith(under.box, prefix);
  for (const r of sent) {
    const orders = placed.get(r.order_id);
    expect(orders, r.order_id).toHaveLength(1);
    const got = orders![0]!.request;
    expect(got.externalPo).toBe(r.po_number);
    expect([got.shipToName, got.shipToAddress1, got.shipToCity, got.shipToStateProvince, got.shipToPostalCode]).toEqual([
      r.ship_to.name,
      r.ship_to.address1,
      r.ship_to.city,
      r.ship_to.state,
      r.ship_to.postal_code,
    ]);
    expect(got.detailLines.map((l) => [l.sku, l.quantityOrdered])).toEqual(r.lines.map((l) => [l.sku, l.quantity]));
  }
}

describe('kroll push --input FILE.jsonl', () => {
  it('places every order once, and a second push sends nothing at all', async () => {
    const files = pushFiles(under.config);
    const sent = records('PJ', 4);
    const input = files.input(sent);

    const first = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    expectPlacedOnce(sent, 'PJ-');
    expect(summaryCount(first.stderr, 'to send')).toBe(4);
    expect(summaryCount(first.stderr, 'placed')).toBe(4);
    expect(await query(files.db, `SELECT order_id, outcome, input_position, push_id FROM _kroll_push_records ORDER BY order_id`)).toEqual(
      sent.map((r, i) => ({ order_id: r.order_id, outcome: 'placed', input_position: `${input} line ${i + 1}`, push_id: '1' })),
    );

    const calls = submittedWith(under.box, 'PJ-').length;
    const second = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db]);
    expect(second.code, second.stderr).toBe(0);
    expect(submittedWith(under.box, 'PJ-')).toHaveLength(calls);
    expectPlacedOnce(sent, 'PJ-');
    expect(summaryCount(second.stderr, 'answered by an earlier push')).toBe(4);
    expect(summaryCount(second.stderr, 'to send')).toBe(0);
    expect(await query(files.db, `SELECT push_id, status, input FROM _kroll_pushes ORDER BY push_id`)).toEqual([
      { push_id: '1', status: 'succeeded', input },
      { push_id: '2', status: 'succeeded', input },
    ]);
  });

  it('without its history (another --db) sends every order again, and Kroll answers each as a duplicate: none is placed twice', async () => {
    const files = pushFiles(under.config);
    const sent = records('PD', 3);
    const input = files.input(sent);
    expect((await kroll(['push', '--config', files.config, '--input', input, '--db', files.db])).code).toBe(0);

    const elsewhere = pushFiles(under.config);
    const again = await kroll(['push', '--config', elsewhere.config, '--input', input, '--db', elsewhere.db]);
    expect(again.code, again.stderr).toBe(0);
    expect(submittedWith(under.box, 'PD-')).toHaveLength(6);
    expectPlacedOnce(sent, 'PD-');
    expect(summaryCount(again.stderr, 'already with Kroll')).toBe(3);
    expect(summaryCount(again.stderr, 'placed')).toBe(0);
    expect((await query(elsewhere.db, `SELECT DISTINCT outcome FROM _kroll_push_records`)).map((r) => r.outcome)).toEqual(['already_with_kroll']);

    // --resend does the same with the history: everything goes again, nothing is placed twice.
    const resent = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db, '--resend']);
    expect(resent.code, resent.stderr).toBe(0);
    expect(submittedWith(under.box, 'PD-')).toHaveLength(9);
    expectPlacedOnce(sent, 'PD-');
    // The history keeps the answer that placed each order.
    expect((await query(files.db, `SELECT DISTINCT outcome, push_id FROM _kroll_push_records`))).toEqual([{ outcome: 'placed', push_id: '1' }]);
  });

  it('reports invalid records and those Kroll rejects, with their line and reason, places neither, and sends only those again', async () => {
    const files = pushFiles(under.config);
    const [ok1, invalid, unknownSku, ok2] = records('PR', 4);
    const broken = { ...invalid!, ship_to: { ...invalid!.ship_to, city: undefined } };
    const refused = { ...unknownSku!, lines: [{ sku: 'NOSUCH-00001', quantity: 1 }] };
    const input = files.input([ok1!, broken, refused, ok2!]);

    const run = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db]);
    expect(run.code).toBe(1);
    expectPlacedOnce([ok1!, ok2!], 'PR-');
    expect(placedWith(under.box, 'PR-').size).toBe(2);
    // The invalid record never reached Kroll; the one Kroll refused did, once.
    expect(submittedWith(under.box, 'PR-').sort()).toEqual(['PR-1', 'PR-3', 'PR-4']);
    expect(summaryCount(run.stderr, 'rejected')).toBe(2);
    expect(summaryCount(run.stderr, 'placed')).toBe(2);
    const rejected = run.stderr.slice(run.stderr.indexOf('Rejected, not placed:'));
    expect(rejected).toContain(`Order PR-2 (${input} line 2) is invalid and was not sent to Kroll: ship_to.city is missing`);
    expect(rejected).toMatch(new RegExp(`Order PR-3 \\(${input.replace(/[.]/g, '\\.')} line 3\\) rejected by Kroll, not placed: .*NOSUCH-00001`));
    expect(run.stderr).not.toContain('stdin line');

    // A second push sends the two rejected records only (one may have been corrected) ...
    const again = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db]);
    expect(again.code).toBe(1);
    expect(summaryCount(again.stderr, 'answered by an earlier push')).toBe(2);
    expect(summaryCount(again.stderr, 'to send')).toBe(2);
    expect(submittedWith(under.box, 'PR-').sort()).toEqual(['PR-1', 'PR-3', 'PR-3', 'PR-4']);

    // ... and once they are corrected, they are placed, once.
    const fixed = files.input([ok1!, invalid!, { ...refused, lines: unknownSku!.lines }, ok2!]);
    const last = await kroll(['push', '--config', files.config, '--input', fixed, '--db', files.db]);
    expect(last.code, last.stderr).toBe(0);
    expect(summaryCount(last.stderr, 'to send')).toBe(2);
    expectPlacedOnce([ok1!, invalid!, unknownSku!, ok2!], 'PR-');
    expect(await query(files.db, `SELECT order_id, outcome FROM _kroll_push_records WHERE order_id IN ('PR-2', 'PR-3') ORDER BY order_id, outcome`)).toEqual([
      { order_id: 'PR-2', outcome: 'placed' },
      { order_id: 'PR-2', outcome: 'rejected' },
      { order_id: 'PR-3', outcome: 'placed' },
      { order_id: 'PR-3', outcome: 'rejected' },
    ]);
  });

  it('counts a second record of an order in the same file as a repeat, not as already with Kroll', async () => {
    const files = pushFiles(under.config);
    const [first, other] = records('PQ', 2);
    const again = { ...first!, ship_to: { ...first!.ship_to, name: 'Someone Else' } };
    const input = files.input([first!, again, other!]);
    const run = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db]);
    expect(run.code, run.stderr).toBe(0);
    expect(submittedWith(under.box, 'PQ-').sort()).toEqual(['PQ-1', 'PQ-2']);
    expect(summaryCount(run.stderr, 'placed')).toBe(2);
    expect(summaryCount(run.stderr, 'repeated in the input')).toBe(1);
    expect(summaryCount(run.stderr, 'already with Kroll')).toBe(0);
    expect(await query(files.db, `SELECT input_position, outcome FROM _kroll_push_records ORDER BY input_position`)).toEqual([
      { input_position: `${input} line 1`, outcome: 'placed' },
      { input_position: `${input} line 2`, outcome: 'repeat' },
      { input_position: `${input} line 3`, outcome: 'placed' },
    ]);
  });

  it('stops before anything is sent when a line is no JSON object, naming every such line', async () => {
    const files = pushFiles(under.config);
    const [good, later] = records('PX', 2);
    const input = files.input([
      good!,
      '{"order_id": "PX-9", "ship_to": {"name": ',
      '[1, 2]',
      '',
      JSON.stringify({ type: 'RECORD', record: { stream: 'fulfillment_requests', data: later, emitted_at: 1 } }),
      'null',
      later!,
    ]);
    const run = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('4 lines are not a fulfillment request; nothing was sent:');
    expect(run.stderr).toContain(`${input} line 2 is not valid JSON (it ends too early)`);
    expect(run.stderr).toContain(`${input} line 3 is a JSON array, not an object`);
    expect(run.stderr).toContain(`${input} line 5 is an Airbyte RECORD message`);
    expect(run.stderr).toContain(`${input} line 6 is null, not an object`);
    expect(submittedWith(under.box, 'PX-')).toEqual([]);
  });

  it('stops before anything is sent when a line is not UTF-8, naming it, so no U+FFFD reaches Kroll', async () => {
    const files = pushFiles(under.config);
    const [good, latin] = records('PU', 2);
    const input = files.input([good!, '']);
    // The second record as a Windows-1252 editor saves it: "Renée" with é as the single byte 0xE9.
    appendFileSync(input, Buffer.from(`${JSON.stringify({ ...latin!, ship_to: { ...latin!.ship_to, name: 'Ren\u00e9e' } })}\n`, 'latin1'));
    const run = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('A line is not a fulfillment request; nothing was sent:');
    expect(run.stderr).toContain(`${input} line 3 is not UTF-8 text: the file must be UTF-8`);
    expect(submittedWith(under.box, 'PU-')).toEqual([]);
  });

  it('names a missing input file or config file, and exits 1', async () => {
    const files = pushFiles(under.config);
    const missingInput = await kroll(['push', '--config', files.config, '--input', `${files.dir}/none.jsonl`, '--db', files.db]);
    expect(missingInput.code).toBe(1);
    expect(missingInput.stderr).toContain(`${files.dir}/none.jsonl does not exist`);

    writeFileSync(`${files.dir}/broken.json`, '{"account_number": ');
    const input = files.input(records('PM', 1));
    const brokenConfig = await kroll(['push', '--config', `${files.dir}/broken.json`, '--input', input, '--db', files.db]);
    expect(brokenConfig.code).toBe(1);
    expect(brokenConfig.stderr).toContain('broken.json is not valid JSON');
    expect(submittedWith(under.box, 'PM-')).toEqual([]);
  });

  it("checks the config with destination-kroll first: one it refuses sends nothing, and fails even when every record has its answer already", async () => {
    const files = pushFiles(under.config);
    const input = files.input(records('PC', 1));
    const first = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`${input}: 1 record; sending 1 to Kroll account`);

    // The same destination (account and URL), the same input: nothing to send, and yet the config is judged.
    const { api_password: key, ...rest } = under.config;
    const broken: [Record<string, unknown>, RegExp][] = [
      [{ ...rest, api_pasword: key }, /'api_password' is required \(the config has 'api_pasword': did you mean 'api_password'\?\)/],
      [{ ...under.config, api_password: 'Wr0ng-API-Key-0000' }, /API username or API key rejected/],
      [{ ...under.config, payment_terms: 'CreditCard' }, /'payment_terms' is CreditCard, so 'credit_card_description' must name the card/],
    ];
    for (const [config, why] of broken) {
      writeFileSync(files.config, JSON.stringify(config));
      const run = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`destination-kroll check failed, so nothing was sent: .*${why.source}`));
      expect(run.stderr).not.toContain('sending');
    }
    // With records to send too: none reaches Kroll.
    const other = files.input(records('PC', 2).slice(1), 'more.jsonl');
    const run = await kroll(['push', '--config', files.config, '--input', other, '--db', files.db]);
    expect(run.code).toBe(1);
    expect(submittedWith(under.box, 'PC-')).toEqual(['PC-1']);
    expect(await query(files.db, `SELECT push_id, status FROM _kroll_pushes ORDER BY push_id`)).toEqual([{ push_id: '1', status: 'succeeded' }]);
  });

  it('an empty input sends nothing and is not a failure', async () => {
    const files = pushFiles(under.config);
    const input = files.input(['', '  ']);
    const run = await kroll(['push', '--config', files.config, '--input', input, '--db', files.db]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('holds no records: nothing to push');
  });
});

describe('kroll push without --config', () => {
  it("pushes the README's example to a sandbox started in its own process", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /cat > orders\.jsonl <<'END'\n([\s\S]*?)\nEND\n/.exec(readme)![1]!;
    const files = pushFiles({});
    files.input(example.split('\n'));
    const run = await kroll(['push', '--input', 'orders.jsonl', '--verbose'], { cwd: files.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('no --config: starting the Kroll sandbox');
    expect(run.stderr).toMatch(/Order TRY-1001 \(orders\.jsonl line 1\) accepted by Kroll: confirmation number \d+/);
    expect(summaryCount(run.stderr, 'placed')).toBe(2);
    expect(run.stderr).toContain('Push history: none kept');
    // Nothing to remember, so no DuckDB file either.
    expect(existsSync(`${files.dir}/kroll.duckdb`)).toBe(false);
  });
});

describe('secrets', () => {
  it('never appear in the output or the push history, whether Kroll takes the API key or refuses it', async () => {
    const secret = String(under.config.api_password);
    const wrong = 'Wr0ng-API-Key-Secret-4471';
    const files = pushFiles(under.config);
    const input = files.input(records('PS', 2));
    const ok = await kroll(['push', '--verbose', '--config', files.config, '--input', input, '--db', files.db]);
    expect(ok.code, ok.stderr).toBe(0);

    const refusedFiles = pushFiles({ ...under.config, api_password: wrong });
    const refusedInput = refusedFiles.input(records('PW', 2));
    const refused = await kroll(['push', '--verbose', '--config', refusedFiles.config, '--input', refusedInput, '--db', refusedFiles.db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/destination-kroll check failed, so nothing was sent: .*API username or API key rejected/);
    expect(placedWith(under.box, 'PW-').size).toBe(0);

    // An API key written into the URL (a gateway's ?key=, say) is masked where push names the destination.
    const inUrlFiles = pushFiles({ ...under.config, api_base_url: `${String(under.config.api_base_url)}?k=${secret}` });
    const inUrl = await kroll(['push', '--config', inUrlFiles.config, '--input', inUrlFiles.input(records('PV', 1)), '--db', inUrlFiles.db]);
    expect(inUrl.code, inUrl.stderr).toBe(0);
    expect(inUrl.stderr).toContain(`sending 1 to Kroll account 104233 at ${String(under.config.api_base_url)}?k=**********`);
    expect((await query(inUrlFiles.db, `SELECT DISTINCT destination FROM _kroll_push_records UNION ALL SELECT destination FROM _kroll_pushes`)).map((r) => r.destination)).toEqual(
      Array(2).fill(`104233 at ${String(under.config.api_base_url)}?k=**********`),
    );

    const output = [ok.stdout, ok.stderr, refused.stdout, refused.stderr, inUrl.stdout, inUrl.stderr].join('\n');
    const history = [files.db, inUrlFiles.db].map((db) => readFileSync(db).toString('latin1')).join('');
    for (const value of [secret, wrong]) {
      expect(output).not.toContain(value);
      expect(history).not.toContain(value);
    }
  });
});
