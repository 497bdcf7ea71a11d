import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OVN_NORTHBOUND_SCHEMA, type OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { ReplicaRow } from '../../ovsdb/replica.ts';
import { Transaction } from '../../ovsdb/transaction.ts';
import { planChildren } from './child-plan.ts';

const route = (uuid: string, prefix: string, nexthop: string, ids: Record<string, string> = {}): ReplicaRow =>
  ({ _uuid: uuid, ip_prefix: prefix, nexthop, external_ids: ids });

test('child rows: matches kept (updated only when they differ), new ones inserted under uuid-names, the rest left out', () => {
  const rows = new Map([
    ['u1', route('u1', '0.0.0.0/0', '192.0.2.1', { a: '1' })],
    ['u2', route('u2', '10.0.0.0/8', '10.0.0.9', { a: 'stale' })],
    ['u3', route('u3', '172.16.0.0/12', '10.0.0.7')],
    ['u4', route('u4', '0.0.0.0/0', '192.0.2.1')], // a duplicate: only the first match is kept
  ]);
  const txn = new Transaction<OvnNorthbound>(OVN_NORTHBOUND_SCHEMA);
  const desired = [
    { ip_prefix: '0.0.0.0/0', nexthop: '192.0.2.1', external_ids: { a: '1' } },
    { ip_prefix: '10.0.0.0/8', nexthop: '10.0.0.9', external_ids: { a: '2' } },
    { ip_prefix: '198.51.100.0/24', nexthop: '10.0.0.5', external_ids: {} },
  ];
  const column = planChildren(txn, { row: (_table, uuid) => rows.get(uuid) }, 'Logical_Router_Static_Route', ['u1', 'u2', 'u3', 'u4'], desired,
    (r) => `${String(r.ip_prefix)} ${String(r.nexthop)}`, (spec) => ({ ...spec }), 'route');
  assert.deepEqual(column, ['u1', 'u2', 'route_2']);
  assert.deepEqual(txn.operations.map((op) => op.op), ['update', 'insert']);
  assert.deepEqual((txn.operations[0] as { row: Record<string, unknown> }).row, { external_ids: ['map', [['a', '2']]] });
  assert.equal((txn.operations[1] as { 'uuid-name': string })['uuid-name'], 'route_2');
});
