/**
 * diagnose against a dealer API that lacks operations the connector calls: each missing one fails
 * only the streams that need it (those this source has), and is a warning when none does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAM_NEEDS } from '../../../src/source/diagnose/requirements.js';
import { discover } from '../../../src/source/discover.js';
import { sandbox, sourceConfig, type Sandbox } from '../../helpers/sandbox.js';
import { diagnoseJson, line, notOk } from './helpers.js';

let box: Sandbox;
beforeAll(async () => {
  box = await sandbox({ products: 50, orders: 10, apiWithoutOperations: ['GetShipments', 'ValidateAddress'] });
});
afterAll(async () => {
  await box?.close();
});

describe('diagnose of a dealer API without some operations', () => {
  it('lists observed and assumed operations apart, and fails a missing one only for the streams that call it', async () => {
    const config = sourceConfig(box);
    const { report } = await diagnoseJson(config);
    expect(line(report, 'api', 'observed operations').message).toBe(
      '3 of 4 offered with the members the client sends and reads: CheckProductAvailability, SubmitPurchaseOrder, CheckOrderStatus',
    );
    expect(line(report, 'api', 'assumed operations').message).toBe('2 of 3 offered with the members the client sends and reads: GetPurchaseOrders, GetInvoices');

    const streams = discover().streams.map((s) => s.name);
    const needShipments = streams.filter((s) => STREAM_NEEDS[s]!(config as never).operations?.includes('GetShipments'));
    const shipments = line(report, 'api', 'GetShipments');
    expect(shipments).toMatchObject({ subject: 'operation:GetShipments', status: needShipments.length > 0 ? 'fail' : 'warn' });
    expect(shipments.message).toMatch(/^GetShipments \[assumed\] is not offered by the service: /);
    expect(line(report, 'api', 'ValidateAddress')).toMatchObject({
      status: 'warn',
      message: 'ValidateAddress [observed] is not offered by the service: no stream of this source (the destination or later streams may) calls it',
    });
    expect(notOk(report).filter((l) => l.startsWith('api/'))).toEqual(['api/ValidateAddress warn', `api/GetShipments ${shipments.status}`]);
    for (const verdict of report.streams) expect(verdict.verdict, verdict.stream).toBe(needShipments.includes(verdict.stream) ? 'will not work' : 'works');
  });
});
