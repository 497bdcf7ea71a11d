import assert from 'node:assert/strict';
import { test } from 'node:test';
import { peerHostRoutes, routesDiffer, type PeerSubnet } from './peer-subnet-host-routes.ts';

const peers: PeerSubnet[] = [
  { id: 'a', cidr: '10.0.1.0/24', ipVersion: 4, segmentId: 's1' },
  { id: 'b', cidr: '10.0.2.0/24', ipVersion: 4, segmentId: 's2' },
  { id: 'c', cidr: '10.0.3.0/24', ipVersion: 4, segmentId: 's2' },
  { id: 'v6', cidr: 'fd00::/64', ipVersion: 6, segmentId: 's3' },
];

test('routes to every subnet of the other segments, of the same IP version, through the gateway', () => {
  assert.deepEqual(peerHostRoutes({ subnetId: 'a', segmentId: 's1', ipVersion: 4, hostRoutes: [], gatewayIp: '10.0.1.1' }, peers), [
    { destination: '10.0.2.0/24', nexthop: '10.0.1.1' }, { destination: '10.0.3.0/24', nexthop: '10.0.1.1' },
  ]);
  assert.deepEqual(peerHostRoutes({ subnetId: 'b', segmentId: 's2', ipVersion: 4, hostRoutes: [], gatewayIp: '10.0.2.1' }, peers),
    [{ destination: '10.0.1.0/24', nexthop: '10.0.2.1' }], 'not to its own segment');
});

test('a route the user gave that covers a peer (a supernet) spares it; no gateway, no routes', () => {
  const supernet = { destination: '10.0.0.0/16', nexthop: '10.0.1.254' };
  assert.deepEqual(peerHostRoutes({ subnetId: 'a', segmentId: 's1', ipVersion: 4, hostRoutes: [supernet], gatewayIp: '10.0.1.1' }, peers), [supernet]);
  assert.deepEqual(peerHostRoutes({ subnetId: 'a', segmentId: 's1', ipVersion: 4, hostRoutes: [], gatewayIp: null }, peers), []);
});

test('a gateway change replaces the routes through the old gateway; a deleted peer loses its route', () => {
  const old = [{ destination: '10.0.2.0/24', nexthop: '10.0.1.1' }, { destination: '10.0.3.0/24', nexthop: '10.0.1.1' }];
  assert.deepEqual(peerHostRoutes({ subnetId: 'a', segmentId: 's1', ipVersion: 4, hostRoutes: old, gatewayIp: '10.0.1.9', oldGatewayIp: '10.0.1.1' }, peers), [
    { destination: '10.0.2.0/24', nexthop: '10.0.1.9' }, { destination: '10.0.3.0/24', nexthop: '10.0.1.9' },
  ]);
  const remaining = peers.filter((p) => p.id !== 'c');
  assert.deepEqual(peerHostRoutes({ subnetId: 'a', segmentId: 's1', ipVersion: 4, hostRoutes: old, gatewayIp: '10.0.1.1', deletedCidr: '10.0.3.0/24' }, remaining),
    [{ destination: '10.0.2.0/24', nexthop: '10.0.1.1' }]);
});

test('routesDiffer compares as sets', () => {
  const r1 = { destination: '10.0.2.0/24', nexthop: '10.0.1.1' };
  const r2 = { destination: '10.0.3.0/24', nexthop: '10.0.1.1' };
  assert.equal(routesDiffer([r1, r2], [r2, r1]), false);
  assert.equal(routesDiffer([r1], [r1, r2]), true);
  assert.equal(routesDiffer([r1], [{ ...r1, nexthop: '10.0.1.2' }]), true);
});
