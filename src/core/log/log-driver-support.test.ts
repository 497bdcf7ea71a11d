import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loggableTypes, portSupportsLogging } from './log-driver-support.ts';

test('the OVN log driver logs security groups only', () => {
  assert.deepEqual(loggableTypes(), ['security_group']);
  assert.equal(portSupportsLogging('firewall_group', { vifType: 'ovs', vnicType: 'normal' }), false);
});

test('a bound port is judged by its VIF type, an unbound one by its vNIC type', () => {
  assert.equal(portSupportsLogging('security_group', { vifType: 'ovs', vnicType: 'direct' }), true);
  assert.equal(portSupportsLogging('security_group', { vifType: 'vhostuser', vnicType: 'normal' }), true);
  assert.equal(portSupportsLogging('security_group', { vifType: 'hw_veb', vnicType: 'normal' }), false);
  assert.equal(portSupportsLogging('security_group', { vifType: 'unbound', vnicType: 'normal' }), true);
  assert.equal(portSupportsLogging('security_group', { vifType: 'unbound', vnicType: 'direct' }), false);
  assert.equal(portSupportsLogging('security_group', { vifType: 'binding_failed', vnicType: 'baremetal' }), false);
});
