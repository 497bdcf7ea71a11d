import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLease } from './dhcp-client.ts';

test('the udhcpc script line: address, prefix, router, MTU, DNS and classless routes', () => {
  assert.deepEqual(parseLease('muon-lease ip=10.0.0.5 mask=24 router=10.0.0.1 mtu=1442 dns=10.0.0.2,8.8.8.8 routes=169.254.169.254/32,10.0.0.2,0.0.0.0/0,10.0.0.1'), {
    ip: '10.0.0.5', prefixLength: 24, router: '10.0.0.1', mtu: 1442, dns: ['10.0.0.2', '8.8.8.8'],
    staticRoutes: ['169.254.169.254/32', '10.0.0.2', '0.0.0.0/0', '10.0.0.1'],
  });
});

test('absent options stay absent; a dotted mask is turned into a prefix length', () => {
  assert.deepEqual(parseLease('muon-lease ip=192.0.2.9 mask=255.255.255.128 router= mtu= dns= routes='), {
    ip: '192.0.2.9', prefixLength: 25, router: undefined, mtu: undefined, dns: [], staticRoutes: [],
  });
});
