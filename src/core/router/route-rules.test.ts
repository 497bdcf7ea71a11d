import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addRoutes, checkNoOverlap, checkRoutes, removeRoutes, routesVia, type Route } from './route-rules.ts';

const r = (destination: string, nexthop: string): Route => ({ destination, nexthop });

test('a nexthop must be on a connected subnet and not the router\'s own address', () => {
  checkRoutes([r('192.0.2.0/24', '10.0.0.5')], ['10.0.0.0/24'], ['10.0.0.1']);
  assert.throws(() => checkRoutes([r('192.0.2.0/24', '10.9.0.5')], ['10.0.0.0/24'], []), (e: Error) =>
    e.constructor.name === 'InvalidRoutes' && e.message === "Invalid format for routes: [{'destination': '192.0.2.0/24', 'nexthop': '10.9.0.5'}], the nexthop is not connected with router");
  assert.throws(() => checkRoutes([r('192.0.2.0/24', '10.0.0.1')], ['10.0.0.0/24'], ['10.0.0.1']), /the nexthop is used by router/);
  checkRoutes([r('2001:db8:1::/64', 'fd00::5')], ['fd00::/64'], []);
});

test('routesVia picks routes through a subnet', () => {
  assert.deepEqual(routesVia([r('0.0.0.0/0', '10.0.0.5'), r('0.0.0.0/0', '10.1.0.5')], '10.1.0.0/24'), [r('0.0.0.0/0', '10.1.0.5')]);
});

test('add then remove restores the list; duplicates are kept once', () => {
  const route = fc.record({ destination: fc.constantFrom('10.0.0.0/24', '10.1.0.0/24', '0.0.0.0/0'), nexthop: fc.constantFrom('10.2.0.1', '10.2.0.2') });
  fc.assert(fc.property(fc.array(route), fc.array(route), (old, add) => {
    const unique = addRoutes(old, []);
    const merged = addRoutes(unique, add);
    assert.equal(new Set(merged.map((x) => JSON.stringify(x))).size, merged.length);
    const fresh = add.filter((a) => !unique.some((u) => u.destination === a.destination && u.nexthop === a.nexthop));
    assert.deepEqual(removeRoutes(merged, fresh), unique);
  }));
});

test('overlapping subnets are refused with Neutron\'s message; other families never overlap', () => {
  assert.throws(() => checkNoOverlap([{ id: 'a', cidr: '10.0.0.0/16' }], [{ id: 'b', cidr: '10.0.1.0/24' }]), (e: Error) =>
    e.constructor.name === 'BadRequest' && e.message === 'Bad router request: Cidr 10.0.1.0/24 of subnet b overlaps with cidr 10.0.0.0/16 of subnet a.');
  checkNoOverlap([{ id: 'a', cidr: '10.0.0.0/24' }], [{ id: 'b', cidr: '10.0.1.0/24' }, { id: 'c', cidr: 'fd00::/64' }]);
});
