import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ipAddress, ipAddressOrNone, ipNotMulticast, ipOrSubnetOrNone, routeCidr, subnetCidr, subnetCidrOrNone, subnetList, subnetNotMulticast,
} from './ip-validators.ts';

// Expected messages were produced by neutron-lib's validators with netaddr 1.3.
test('ipAddress', () => {
  for (const ok of ['10.0.0.1', '0.0.0.0', '::', 'FE80::1', '::ffff:1.2.3.4', '1::2:3:4:5:6:7']) assert.equal(ipAddress(ok), undefined, ok);
  assert.equal(ipAddress('10.0.0.256'), "'10.0.0.256' is not a valid IP address");
  assert.equal(ipAddress('1.2.3'), "'1.2.3' is not a valid IP address");
  assert.equal(ipAddress(' 1.2.3.4'), "' 1.2.3.4' is not a valid IP address");
  assert.equal(ipAddress('fe80::1%eth0'), "'fe80::1%eth0' is not a valid IP address");
  assert.equal(ipAddress(null), "'None' is not a valid IP address");
  assert.equal(ipAddress(167772161), "'167772161' is not a valid IP address");
  assert.equal(ipAddress('010.0.0.1'), "'010.0.0.1' is not an accepted IP address, '10.0.0.1' is recommended");
  assert.equal(ipAddress('1.2.3.+4'), "'1.2.3.+4' is not an accepted IP address, '1.2.3.4' is recommended");
  assert.equal(ipAddressOrNone(null), undefined);
});

test('subnetCidr: canonical IPv4 spelling, host bits allowed', () => {
  for (const ok of ['10.0.0.0/24', '10.0.0.1/24', '0.0.0.0/0', '2001:DB8::/64', 'fe80::/064', 'fe80::/ffff:ffff:ffff:ffff::']) {
    assert.equal(subnetCidr(ok), undefined, ok);
  }
  for (const bad of ['10.0.0.0', '10/24', '10.0.0.0/255.255.255.0', '10.0.0.0/33', '10.0.0.0/024', 'fe80::', ' 10.0.0.0/8', 'x']) {
    assert.equal(subnetCidr(bad), `'${bad}' is not a valid IP subnet`, bad);
  }
  assert.equal(subnetCidr(null), "'None' is not a valid IP subnet");
  assert.equal(subnetCidrOrNone(null), undefined);
});

test('subnetList', () => {
  assert.equal(subnetList(['10.1.0.0/24', '10.2.0.0/24']), undefined);
  assert.equal(subnetList(['10.1.0.0/24', '10.2.0.0/24', '10.1.0.0/24']), "Duplicate items in the list: '10.1.0.0/24'");
  assert.equal(subnetList(['10.1.0.0/24', '10.2.0.0']), "'10.2.0.0' is not a valid IP subnet");
  assert.equal(subnetList('10.1.0.0/24'), "'10.1.0.0/24' is not a list");
});

test('routeCidr: no host bits, not loopback', () => {
  for (const ok of ['0.0.0.0/0', '10.0.0.0/255.0.0.0', '::/0', '127.0.0.0/7'.replace('127', '126')]) assert.equal(routeCidr(ok), undefined, ok);
  assert.equal(routeCidr('192.168.1.1/8'), "'192.168.1.1/8' is not a valid CIDR");
  assert.equal(routeCidr('127.0.0.0/7'), "'127.0.0.0/7' is not a valid CIDR");
  assert.equal(routeCidr('127.0.0.0/8'), "'127.0.0.0/8' is not a routable CIDR");
  assert.equal(routeCidr('127.1.0.0/16'), "'127.1.0.0/16' is not a routable CIDR");
  assert.equal(routeCidr('::1/128'), "'::1/128' is not a routable CIDR");
});

test('ipOrSubnetOrNone', () => {
  for (const ok of [null, '10.0.0.1', '10.0.0.0/8']) assert.equal(ipOrSubnetOrNone(ok), undefined);
  assert.equal(ipOrSubnetOrNone('x'), "'x' is neither a valid IP address, nor is it a valid IP subnet");
});

test('multicast checks', () => {
  assert.equal(ipNotMulticast('224.0.0.1'), 'IP 224.0.0.1 is a multicast address, which is not supported.');
  assert.equal(ipNotMulticast('ff02::1'), 'IP ff02::1 is a multicast address, which is not supported.');
  assert.equal(ipNotMulticast('10.0.0.1'), undefined);
  assert.equal(subnetNotMulticast('0.0.0.0/0'), undefined);
  assert.equal(subnetNotMulticast('10.0.0.0/8'), undefined);
  assert.equal(subnetNotMulticast('192.0.0.0/2'), 'Subnet 192.0.0.0/2 overlaps with multicast range 224.0.0.0/4, which is not supported.');
  assert.equal(subnetNotMulticast('::/0'), 'Subnet ::/0 overlaps with multicast range ff00::/8, which is not supported.');
});

const octet = fc.integer({ min: 0, max: 255 });
const canonicalIpv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));

test('property: any canonical IPv4 or generated IPv6 passes ipAddress', () => {
  fc.assert(fc.property(fc.oneof(canonicalIpv4, fc.ipV6()), (ip) => assert.equal(ipAddress(ip), undefined)));
});

test('property: any IPv4 with a zero-padded octet is rejected with a recommendation', () => {
  fc.assert(fc.property(canonicalIpv4, fc.nat(3), (ip, index) => {
    const parts = ip.split('.');
    parts[index] = `0${parts[index]}`;
    const padded = parts.join('.');
    assert.equal(ipAddress(padded), `'${padded}' is not an accepted IP address, '${ip}' is recommended`);
  }));
});

test('property: IPv4 prefixes pass subnetCidr and, without host bits, routeCidr', () => {
  fc.assert(fc.property(canonicalIpv4, fc.integer({ min: 0, max: 32 }), (ip, prefix) => {
    assert.equal(subnetCidr(`${ip}/${prefix}`), undefined);
    const value = ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    const network = prefix === 0 ? 0 : Math.floor(value / 2 ** (32 - prefix)) * 2 ** (32 - prefix);
    const text = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
    const loopback = prefix >= 8 && text.startsWith('127.');
    assert.equal(routeCidr(`${text}/${prefix}`) === undefined, !loopback);
  }));
});
