/**
 * `write`: reads Airbyte messages on stdin until EOF and places each record of fulfillment_requests
 * with Kroll as one purchase order.
 *
 * A record is checked first; an invalid one is never sent: it is logged with every problem and
 * counted as rejected (or, with fail_on_invalid_record, stops the write). Valid ones go to the
 * sender, several at a time. Each STATE is echoed once every record before it has its final answer
 * (the ledger). Whatever stops the write (retries run out, credentials refused, a line that is no
 * message, a signal) leaves every later state unechoed, so the next write sends again exactly the
 * records without an answer, and Kroll's duplicate rule keeps those that were placed from being
 * placed twice. The exit code is 0 when every record was answered, rejected ones included.
 */
import type { DestinationConfig } from '../generated/configs.js';
import { KrollApiClient } from '../kroll/soap/index.js';
import { streamKey, streamLabel, type ConfiguredStream } from '../protocol/catalog.js';
import { ConfigError } from '../protocol/errors.js';
import type { MessageWriter } from '../protocol/output.js';
import { count } from '../protocol/wording.js';
import { stateEcho, type InputMessage } from './input.js';
import { Ledger } from './ledger.js';
import { preparePurchaseOrder } from './purchase-order.js';
import { Sender } from './sender.js';
import { apiOptions, orderRules } from './settings.js';
import { destinationSpec } from './spec.js';
import { FULFILLMENT_REQUESTS } from './stream.js';

export interface WriteInput {
  messages: AsyncIterator<InputMessage>;
  /** Stops reading stdin. */
  close(): void;
}

/** Fails before anything is read: a stream the destination does not write, or a mode it cannot honour. */
function checkCatalog(catalog: ConfiguredStream[]): void {
  if (catalog.length === 0) throw new ConfigError(`The catalog configures no stream; destination-kroll writes the stream ${FULFILLMENT_REQUESTS}.`);
  const modes = destinationSpec.supported_destination_sync_modes ?? [];
  for (const stream of catalog) {
    if (stream.name !== FULFILLMENT_REQUESTS) {
      throw new ConfigError(
        `The catalog configures the stream '${stream.name}'; destination-kroll writes one stream, ${FULFILLMENT_REQUESTS} (one record per order). ` +
          'Name the source stream that holds your orders so, and leave other streams out of this connection.',
      );
    }
    if (stream.destinationSyncMode !== undefined && !modes.includes(stream.destinationSyncMode)) {
      throw new ConfigError(
        `Stream '${stream.name}' has destination_sync_mode '${stream.destinationSyncMode}'; destination-kroll supports ${modes.join(' and ')}: ` +
          'an order placed with Kroll is never replaced or deleted.',
      );
    }
  }
}

/** Waits for the next message, or rejects as soon as the write is told to stop. */
function nextOrStop(input: WriteInput, stopped: Promise<never>): Promise<IteratorResult<InputMessage>> {
  return Promise.race([input.messages.next(), stopped]);
}

export async function write(
  config: DestinationConfig,
  catalog: ConfiguredStream[],
  input: WriteInput,
  out: MessageWriter,
  signal: AbortSignal,
): Promise<number> {
  checkCatalog(catalog);
  const rules = orderRules(config);
  const stop = new AbortController();
  const calls = AbortSignal.any([signal, stop.signal]);
  const stopped = new Promise<never>((_, reject) => calls.addEventListener('abort', () => reject(calls.reason), { once: true }));
  stopped.catch(() => undefined); // raced in nextOrStop; the reason is reported from `sender.failure` or `signal`

  const client = new KrollApiClient({ ...apiOptions(config), signal: calls });
  const ledger = new Ledger((text, stats) => out.serialized(stateEcho(text, stats, (t) => out.redact(t))));
  const sender = new Sender(client, config.concurrency, ledger, (level, message) => out.log(level, message), (reason) => stop.abort(reason));
  // A record's stream is its (namespace, name): one the catalog does not configure is not written.
  const configured = new Set(catalog.map(streamKey));
  const configuredText = catalog.map(streamLabel).join(' and ');
  const ignoredStreams = new Set<string>();
  let records = 0;
  let invalid = 0;
  let ignored = 0;

  const onRecord = async ({ message, line }: InputMessage): Promise<void> => {
    const record = message.record!;
    records++;
    const stream = { name: record.stream, namespace: record.namespace ?? null };
    const ticket = ledger.record(stream);
    const key = streamKey(stream);
    if (!configured.has(key)) {
      ignored++;
      if (!ignoredStreams.has(key)) {
        ignoredStreams.add(key);
        out.log(
          'WARN',
          `Records of the stream ${streamLabel(stream)} (first on stdin line ${line}) are not written: the catalog configures ${configuredText} only. They count as rejected.`,
        );
      }
      ledger.finish(ticket, true);
      return;
    }
    const prepared = preparePurchaseOrder(record.data, rules);
    if (!prepared.ok) {
      const name = prepared.orderId === null ? `The record on stdin line ${line} (without a usable order_id)` : `Order ${prepared.orderId} (stdin line ${line})`;
      const problems = prepared.problems.join('; ');
      out.log('ERROR', `${name} is invalid and was not sent to Kroll: ${problems}.`);
      if (config.fail_on_invalid_record) {
        // Not counted as rejected: it stays without an answer, and the next write reads it again.
        throw new ConfigError(`${name} is invalid: ${problems}. The write stopped there, as fail_on_invalid_record asks; fix the record and run it again.`);
      }
      invalid++;
      ledger.finish(ticket, true);
      return;
    }
    await sender.send({ orderId: prepared.orderId, line, order: prepared.order }, ticket);
  };

  let failure: unknown;
  try {
    for (;;) {
      const next = await nextOrStop(input, stopped);
      if (next.done) break;
      const { message } = next.value;
      if (message.type === 'RECORD') await onRecord(next.value);
      else if (message.type === 'STATE') ledger.state(message.state!, next.value.text);
      // Stream statuses, logs and traces the platform forwards from the source need nothing here.
      if (sender.failure !== undefined) break;
      await out.ready();
    }
  } catch (error) {
    failure = error;
  } finally {
    input.close();
  }
  await sender.idle();
  await client.close();
  // A signal is the news, whatever broke on the way down; then the sender's failure, which aborted the read.
  failure = signal.aborted ? signal.reason : (sender.failure ?? failure);

  // Every record read is in exactly one of these.
  const c = sender.counts;
  const summary =
    `${count(records, 'record')} read: ` +
    [
      `${count(c.placed + c.partiallyPlaced, 'order')} placed${c.partiallyPlaced > 0 ? ` (${c.partiallyPlaced} partially)` : ''}`,
      c.repeats > 0 && `${count(c.repeats, 'repeat')} of an order placed earlier in this write`,
      `${c.alreadyWithKroll} already with Kroll`,
      `${invalid + c.rejectedByKroll + ignored} rejected (${invalid} invalid, ${c.rejectedByKroll} by Kroll${ignored > 0 ? `, ${ignored} of other streams` : ''})`,
      ledger.open > 0 && `${ledger.open} without an answer`,
    ]
      .filter(Boolean)
      .join(', ') +
    `; ${count(ledger.echoed, 'state')} acknowledged.`;
  if (failure !== undefined) {
    const again = ledger.open > 0 ? ` The next write takes the ${ledger.open === 1 ? 'record' : 'records'} without an answer again (Kroll answers an order it already has as a duplicate).` : '';
    out.log('WARN', `The write stopped before its end: ${summary}${again}`);
    throw failure;
  }
  out.log('INFO', `The write is complete: ${summary}`);
  return 0;
}
