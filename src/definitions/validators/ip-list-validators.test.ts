import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixedIps, hostRoutes, ipPools, nameservers } from './ip-list-validators.ts';

const SUBNET = 'e1b8f9d4-44a4-4e38-9a89-3e43c0a4d40c';

test('ipPools', () => {
  assert.equal(ipPools([{ start: '10.0.0.2', end: '10.0.0.254' }]), undefined);
  assert.equal(ipPools([]), undefined);
  assert.equal(ipPools({ start: '1' }), "Invalid data format for IP pool: '{'start': '1'}'");
  assert.equal(ipPools(['x']), "Invalid input. 'x' must be a dictionary with keys: ['start', 'end']");
  assert.equal(ipPools([{ start: '10.0.0.2' }]), "Validation of dictionary's keys failed. Expected keys: {'start', 'end'} Provided keys: {'start'}");
  assert.equal(ipPools([{}]), "Validation of dictionary's keys failed. Expected keys: {'start', 'end'} Provided keys: set()");
  assert.equal(ipPools([{ start: '10.0.0.2', end: '10.0.0.300' }]), "'10.0.0.300' is not a valid IP address");
});

test('nameservers', () => {
  assert.equal(nameservers(['8.8.8.8', '2001:4860:4860::8888']), undefined);
  assert.equal(nameservers(['8.8.8.8', '8.8.8.8']), "Duplicate nameserver '8.8.8.8'");
  assert.equal(nameservers(['8.8.8.888']), "'8.8.8.888' is not a valid nameserver. '8.8.8.888' is not a valid IP address");
  assert.equal(nameservers(5), "Invalid data format for nameserver: '5'");
  assert.equal(nameservers('8.8'), "'8' is not a valid nameserver. '8' is not a valid IP address");
});

test('hostRoutes', () => {
  const route = { destination: '10.0.0.0/24', nexthop: '10.0.0.1' };
  assert.equal(hostRoutes([route]), undefined);
  assert.equal(hostRoutes([route, { ...route }]), "Duplicate hostroute '{'destination': '10.0.0.0/24', 'nexthop': '10.0.0.1'}'");
  assert.equal(hostRoutes([{ ...route, destination: '10.0.0.1/24' }]), "'10.0.0.1/24' is not a valid CIDR");
  assert.equal(hostRoutes([{ ...route, nexthop: 'x' }]), "'x' is not a valid IP address");
  assert.equal(hostRoutes([{ destination: '10.0.0.0/24' }]),
    "Validation of dictionary's keys failed. Expected keys: {'destination', 'nexthop'} Provided keys: {'destination'}");
  assert.equal(hostRoutes('x'), "Invalid data format for hostroute: 'x'");
});

test('fixedIps', () => {
  assert.equal(fixedIps([{ subnet_id: SUBNET }, { subnet_id: SUBNET, ip_address: '10.0.0.5' }, {}]), undefined);
  assert.equal(fixedIps([{ ip_address: '10.0.0.5' }, { ip_address: '10.0.0.5' }]), "Duplicate IP address '10.0.0.5'");
  assert.equal(fixedIps([{ subnet_id: 'abc' }]), "'abc' is not a valid UUID");
  assert.equal(fixedIps(['10.0.0.5']), "Invalid data format for fixed IP: '10.0.0.5'");
  assert.equal(fixedIps({ ip_address: '1' }), "Invalid data format for fixed IP: '{'ip_address': '1'}'");
  assert.equal(fixedIps([{ ip_address: null }]), "'None' is not a valid IP address");
});

test('property: nameservers rejects a list exactly when it repeats a valid address', () => {
  const ip = fc.constantFrom('8.8.8.8', '1.1.1.1', '2001:db8::1', '10.0.0.1');
  fc.assert(fc.property(fc.array(ip, { maxLength: 5 }), (list) => {
    assert.equal(nameservers(list) === undefined, new Set(list).size === list.length);
  }));
});
