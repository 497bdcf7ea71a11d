import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseCidr } from '../../ipam/cidr.ts';
import { GatewayConflictWithAllocationPools, InvalidAllocationPool, InvalidInput, OutOfBoundsAllocationPool, OverlappingAllocationPools } from '../errors.ts';
import { checkGatewayOutsidePools, checkIpv6Modes, rangesToPools, validatePools } from './subnet-rules.ts';

const v4 = parseCidr('10.0.0.0/24')!;
const v6 = parseCidr('fd00::/64')!;

test('pools must be ordered, inside the usable range and disjoint', () => {
  assert.deepEqual(rangesToPools(4, validatePools(v4, [{ start: '10.0.0.10', end: '10.0.0.20' }, { start: '10.0.0.2', end: '10.0.0.5' }])),
    [{ start: '10.0.0.2', end: '10.0.0.5' }, { start: '10.0.0.10', end: '10.0.0.20' }]);
  assert.throws(() => validatePools(v4, [{ start: '10.0.0.9', end: '10.0.0.3' }]), InvalidAllocationPool);
  assert.throws(() => validatePools(v4, [{ start: '10.0.0.0', end: '10.0.0.3' }]), OutOfBoundsAllocationPool, 'the network address is not allocatable');
  assert.throws(() => validatePools(v4, [{ start: '10.0.0.250', end: '10.0.0.255' }]), OutOfBoundsAllocationPool, 'nor the broadcast address');
  assert.throws(() => validatePools(v4, [{ start: 'fd00::1', end: 'fd00::2' }]), InvalidAllocationPool);
  assert.throws(() => validatePools(v4, [{ start: '10.0.0.2', end: '10.0.0.9' }, { start: '10.0.0.9', end: '10.0.0.12' }]), OverlappingAllocationPools);
  assert.deepEqual(rangesToPools(6, validatePools(v6, [{ start: 'fd00::', end: 'fd00::5' }])), [{ start: 'fd00::', end: 'fd00::5' }]);
});

test('any two disjoint in-range pools are accepted, any overlapping pair refused', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 }), (a, b, c, d) => {
    const [s1, e1] = [Math.min(a, b), Math.max(a, b)];
    const [s2, e2] = [Math.min(c, d), Math.max(c, d)];
    const pools = [{ start: `10.0.0.${s1}`, end: `10.0.0.${e1}` }, { start: `10.0.0.${s2}`, end: `10.0.0.${e2}` }];
    const overlap = s1 <= e2 && s2 <= e1;
    if (overlap) assert.throws(() => validatePools(v4, pools), OverlappingAllocationPools);
    else assert.equal(validatePools(v4, pools).length, 2);
  }));
});

test('the gateway may not sit inside a pool', () => {
  const pools = [{ start: '10.0.0.1', end: '10.0.0.9' }];
  assert.throws(() => checkGatewayOutsidePools('10.0.0.1', validatePools(v4, pools), pools), GatewayConflictWithAllocationPools);
  checkGatewayOutsidePools('10.0.0.254', validatePools(v4, pools), pools);
});

test('IPv6 modes: same value or one unset; SLAAC needs /64; none on IPv4 or without DHCP', () => {
  checkIpv6Modes(6, v6, true, 'slaac', 'slaac');
  checkIpv6Modes(6, v6, true, null, 'dhcpv6-stateful');
  assert.throws(() => checkIpv6Modes(6, v6, true, 'slaac', 'dhcpv6-stateful'), InvalidInput);
  assert.throws(() => checkIpv6Modes(6, parseCidr('fd00::/80')!, true, 'slaac', null), InvalidInput);
  assert.throws(() => checkIpv6Modes(4, v4, true, 'slaac', null), InvalidInput);
  assert.throws(() => checkIpv6Modes(6, v6, false, null, 'slaac'), InvalidInput);
});
