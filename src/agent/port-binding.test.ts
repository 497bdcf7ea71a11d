import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alreadyReported, localInterfaces, reportFor, type MuonPort } from './port-binding.ts';

const port = (over: Partial<MuonPort> = {}): MuonPort => ({ id: 'p1', status: 'DOWN', 'binding:host_id': 'hv1', 'binding:vif_type': 'unbound', ...over });
const iface = (over = {}) => ({ name: 'tapp1', portId: 'p1', ovnInstalled: false, ...over });

test('plugged here and installed by ovn-controller: ACTIVE; plugged but not yet installed: DOWN', () => {
  assert.deepEqual(reportFor('hv1', port(), iface({ ovnInstalled: true })), { host: 'hv1', status: 'ACTIVE' });
  assert.deepEqual(reportFor('hv1', port(), iface()), { host: 'hv1', status: 'DOWN' });
  assert.deepEqual(reportFor('hv1', port({ 'binding:host_id': '' }), iface({ ovnInstalled: true })), { host: 'hv1', status: 'ACTIVE' }, 'no host asked: OVN binds it anywhere');
});

test('unplugged: DOWN when it was up and bound here; nothing when bound elsewhere or already down', () => {
  assert.deepEqual(reportFor('hv1', port({ status: 'ACTIVE' }), undefined), { host: 'hv1', status: 'DOWN' });
  assert.equal(reportFor('hv1', port({ status: 'DOWN' }), undefined), undefined);
  assert.equal(reportFor('hv2', port({ status: 'ACTIVE' }), undefined), undefined);
});

test('binding failures carry a reason: plugged on the wrong host, or OVS could not open the interface', () => {
  const wrongHost = reportFor('hv2', port(), iface({ ovnInstalled: false }));
  assert.equal(wrongHost?.status, 'DOWN');
  assert.match(wrongHost!.reason!, /plugged on host hv2 but its binding:host_id is hv1/);
  const broken = reportFor('hv1', port(), iface({ error: 'could not open network device tapp1 (No such device)' }));
  assert.match(broken!.reason!, /could not add interface tapp1 on hv1: could not open network device/);
});

test('plugged on the destination of a live migration: nothing to report until the binding moves here', () => {
  assert.equal(reportFor('hv2', port({ 'binding:profile': { migrating_to: 'hv2' } }), iface({ ovnInstalled: true })), undefined);
  assert.equal(reportFor('hv2', port(), iface(), true), undefined, 'an inactive binding here');
  assert.match(reportFor('hv3', port({ 'binding:profile': { migrating_to: 'hv2' } }), iface())!.reason!, /plugged on host hv3/);
  assert.deepEqual(reportFor('hv2', port({ 'binding:host_id': 'hv2' }), iface({ ovnInstalled: true }), true), { host: 'hv2', status: 'ACTIVE' }, 'activated: reported as usual');
});

test('a report equal to what muon shows is not sent again', () => {
  assert.equal(alreadyReported(port({ status: 'ACTIVE', 'binding:vif_type': 'ovs' }), { host: 'hv1', status: 'ACTIVE' }), true);
  assert.equal(alreadyReported(port({ status: 'ACTIVE', 'binding:vif_type': 'unbound' }), { host: 'hv1', status: 'ACTIVE' }), false);
  assert.equal(alreadyReported(port({ status: 'DOWN' }), { host: 'hv1', status: 'DOWN' }), true);
  assert.equal(alreadyReported(port({ status: 'DOWN', 'binding:vif_type': 'unbound' }), { host: 'hv1', status: 'DOWN', reason: 'x' }), false);
});

test('local interfaces: only rows with an iface-id, ovn-installed read from external_ids, an empty error is none', () => {
  const rows = [
    { name: 'br-int', external_ids: {}, error: null },
    { name: 'tapa', external_ids: { 'iface-id': 'a', 'ovn-installed': 'true' }, error: null },
    { name: 'tapb', external_ids: { 'iface-id': 'b' }, error: 'no such device' },
  ];
  assert.deepEqual(localInterfaces(rows), [
    { name: 'tapa', portId: 'a', ovnInstalled: true, error: undefined },
    { name: 'tapb', portId: 'b', ovnInstalled: false, error: 'no such device' },
  ]);
});
