import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OVN_NORTHBOUND_SCHEMA, type OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { ReplicaRow } from '../../ovsdb/replica.ts';
import { Transaction } from '../../ovsdb/transaction.ts';
import { mergeOwned, NbIndex, planNetwork, planPort, planPortRemoval, portChanges, switchChanges } from './nb-plan.ts';
import type { PortSpec, SwitchSpec } from './ovn-model.ts';

const UA = 'aaaaaaaa-0000-4000-8000-000000000001';
const UB = 'bbbbbbbb-0000-4000-8000-000000000002';
const NET = '3f9b2c1e-0000-4000-8000-000000000001';
const LS = `neutron-${NET}`;
const SWITCH: SwitchSpec = { name: LS, external_ids: { 'neutron:network_name': 'blue', 'neutron:mtu': '1442' }, other_config: { mcast_snoop: 'false' } };
const port = (name: string, over: Partial<PortSpec> = {}): PortSpec => ({
  name, type: '', addresses: [`fa:16:3e:00:00:0${name.length} 10.0.0.${name.length}`], port_security: [], enabled: true,
  external_ids: { 'neutron:network_name': LS }, options: { mcast_flood_reports: 'true' }, ...over,
});
/** The replica row a spec would have been written as. */
const rowOf = (spec: PortSpec, uuid: string): ReplicaRow => ({
  _uuid: uuid, name: spec.name, type: spec.type, addresses: spec.addresses, port_security: spec.port_security, enabled: spec.enabled,
  external_ids: spec.external_ids, options: spec.options,
});
const switchRow = (ports: string[], over: Partial<ReplicaRow> = {}): ReplicaRow => ({ _uuid: 'ls-1', name: LS, external_ids: SWITCH.external_ids, other_config: SWITCH.other_config, ports, ...over });
const txn = () => new Transaction<OvnNorthbound>(OVN_NORTHBOUND_SCHEMA);
const ops = (t: Transaction<OvnNorthbound>) => t.operations.map((op) => `${op.op} ${'table' in op ? op.table : ''}`);

test('mergeOwned keeps keys muon does not own and replaces those it does', () => {
  const own = (k: string) => k.startsWith('neutron:');
  assert.deepEqual(mergeOwned({ owner: 'ops', 'neutron:mtu': '9000', 'neutron:gone': 'x' }, { 'neutron:mtu': '1442' }, own), { owner: 'ops', 'neutron:mtu': '1442' });
});

test('switchChanges and portChanges: undefined when equal, only the differing columns otherwise', () => {
  assert.equal(switchChanges(SWITCH, switchRow([])), undefined);
  assert.deepEqual(switchChanges(SWITCH, switchRow([], { external_ids: { ...SWITCH.external_ids, 'neutron:mtu': '9000', owner: 'ops' } })), {
    external_ids: { 'neutron:network_name': 'blue', 'neutron:mtu': '1442', owner: 'ops' },
  });
  const spec = port('a');
  assert.equal(portChanges(spec, rowOf(spec, 'u1')), undefined);
  assert.deepEqual(portChanges(spec, rowOf({ ...spec, enabled: false }, 'u1')), { enabled: true });
  assert.deepEqual(portChanges({ ...spec, dhcpv4_options: 'dhcp0' }, { ...rowOf(spec, 'u1'), dhcpv4_options: null }), { dhcpv4_options: 'dhcp0' });
  assert.equal(portChanges(spec, { ...rowOf(spec, 'u1'), dhcpv4_options: 'x' }), undefined, 'a column the spec leaves undefined is left alone');
});

test('a missing switch is inserted with its ports, guarded by a wait on the name', () => {
  const t = txn();
  planNetwork(t, new NbIndex([], []), LS, SWITCH, [port('a'), port('bb')]);
  assert.deepEqual(ops(t), ['insert Logical_Switch_Port', 'insert Logical_Switch_Port', 'wait Logical_Switch', 'insert Logical_Switch']);
  const insert = t.operations[3] as unknown as { row: { ports: unknown } };
  assert.deepEqual(insert.row.ports, ['set', [['named-uuid', 'lsp0'], ['named-uuid', 'lsp1']]]);
});

test('an up-to-date network plans nothing; a stale port is dropped and a new one added in one mutation', () => {
  const [a, b] = [port('a'), port('bb')];
  const index = new NbIndex([switchRow([UA, UB])], [rowOf(a, UA), rowOf(b, UB)]);
  const same = txn();
  planNetwork(same, index, LS, SWITCH, [a, b]);
  assert.ok(same.isEmpty);
  const changed = txn();
  planNetwork(changed, index, LS, SWITCH, [a, port('ccc')]);
  assert.deepEqual(ops(changed), ['insert Logical_Switch_Port', 'mutate Logical_Switch']);
  const mutate = changed.operations[1] as unknown as { mutations: unknown[] };
  assert.deepEqual(mutate.mutations, [['ports', 'insert', ['set', [['named-uuid', 'lsp1']]]], ['ports', 'delete', ['set', [['uuid', UB]]]]]);
});

test('a network that is gone loses its switch; a port is moved out of a switch that is not its own', () => {
  const a = port('a');
  const other = switchRow([UA], { _uuid: 'ls-2', name: 'neutron-3f9b2c1e-0000-4000-8000-000000000002' });
  const index = new NbIndex([switchRow([]), other], [rowOf(a, UA)]);
  const gone = txn();
  planNetwork(gone, index, LS, undefined, []);
  assert.deepEqual(ops(gone), ['delete Logical_Switch']);
  const moved = txn();
  assert.equal(planPort(moved, index, a, index.switches.get(LS)!, 'lsp'), false);
  assert.deepEqual(ops(moved), ['mutate Logical_Switch', 'mutate Logical_Switch']);
  const fresh = txn();
  assert.equal(planPort(fresh, index, port('new'), index.switches.get(LS)!, 'lsp'), true, 'a new row is the caller\'s to add to the switch');
});

test('removing a port touches only muon\'s switches', () => {
  const a = port('a');
  const foreign = switchRow([UA], { _uuid: 'ls-x', name: 'sw0' });
  const t = txn();
  planPortRemoval(t, new NbIndex([foreign], [rowOf(a, UA)]), 'a');
  assert.ok(t.isEmpty);
  const ours = txn();
  planPortRemoval(ours, new NbIndex([switchRow([UA])], [rowOf(a, UA)]), 'a');
  assert.deepEqual(ops(ours), ['mutate Logical_Switch']);
});
