import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  SecurityGroupEthertypeConflictWithProtocol, SecurityGroupInvalidIcmpValue, SecurityGroupInvalidPortRange, SecurityGroupInvalidPortValue,
  SecurityGroupInvalidProtocolForPort, SecurityGroupMissingIcmpType, SecurityGroupMultipleRemoteEntites, SecurityGroupProtocolRequiredWithPorts,
  SecurityGroupRuleParameterConflict,
} from '../errors.ts';
import { normaliseRule, normalizedCidr, ruleKey, type RuleMatch } from './rule-checks.ts';

const rule = (overrides: Partial<RuleMatch> = {}): RuleMatch => ({
  direction: 'ingress', ethertype: 'IPv4', protocol: null, port_range_min: null, port_range_max: null,
  remote_ip_prefix: null, remote_group_id: null, remote_address_group_id: null, ...overrides,
});
const normalised = (overrides: Partial<RuleMatch>) => { const r = rule(overrides); normaliseRule(r); return r; };

test('TCP-like ports: 1-65535, min <= max; the full range is no range', () => {
  assert.deepEqual(normalised({ protocol: 'tcp', port_range_min: 22, port_range_max: 22 }).port_range_max, 22);
  const full = normalised({ protocol: 'udp', port_range_min: 1, port_range_max: 65535 });
  assert.equal(full.port_range_min, null);
  assert.equal(full.port_range_max, null);
  assert.throws(() => normalised({ protocol: 'tcp', port_range_min: 80, port_range_max: 79 }), SecurityGroupInvalidPortRange);
  assert.throws(() => normalised({ protocol: '6', port_range_min: null, port_range_max: 6 }), SecurityGroupInvalidPortRange);
  assert.throws(() => normalised({ protocol: 'sctp', port_range_min: 0, port_range_max: 5 }), SecurityGroupInvalidPortValue);
  assert.throws(() => normalised({ port_range_min: 5, port_range_max: 5 }), SecurityGroupProtocolRequiredWithPorts);
  assert.throws(() => normalised({ protocol: 'gre', port_range_min: 5, port_range_max: 5 }), (e: Error) => e instanceof SecurityGroupInvalidProtocolForPort
    && e.message === 'Ports cannot be specified for protocol 47. Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.');
});

test('ICMP: type and code 0-255, no code without a type', () => {
  assert.equal(normalised({ protocol: 'icmp', port_range_min: 8, port_range_max: 0 }).port_range_min, 8);
  assert.equal(normalised({ protocol: 'icmp', port_range_min: 11, port_range_max: null }).port_range_max, null);
  assert.throws(() => normalised({ protocol: 'icmp', port_range_min: 1, port_range_max: 256 }), /Invalid value for ICMP code \(port_range_max\) 256/);
  assert.throws(() => normalised({ protocol: 'icmp', port_range_min: 300, port_range_max: 1 }), SecurityGroupInvalidIcmpValue);
  assert.throws(() => normalised({ protocol: 'icmp', port_range_min: null, port_range_max: 6 }), SecurityGroupMissingIcmpType);
});

test('IPv6: legacy ICMP names and number 1 become ipv6-icmp / 58; IPv6-only protocols need IPv6', () => {
  assert.equal(normalised({ ethertype: 'IPv6', protocol: 'icmp' }).protocol, 'ipv6-icmp');
  assert.equal(normalised({ ethertype: 'IPv6', protocol: 'icmpv6' }).protocol, 'ipv6-icmp');
  assert.equal(normalised({ ethertype: 'IPv6', protocol: '1' }).protocol, '58');
  for (const protocol of ['ipv6-encap', 'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts', 'ipv6-route', '41', '44', '58', '59', '60', '43']) {
    assert.throws(() => normalised({ protocol }), SecurityGroupEthertypeConflictWithProtocol, protocol);
    normalised({ ethertype: 'IPv6', protocol });
  }
});

test('remote_ip_prefix must match the ethertype; one remote at most', () => {
  assert.throws(() => normalised({ remote_ip_prefix: '10.0.0.0/24', ethertype: 'IPv6' }), (e: Error) => e instanceof SecurityGroupRuleParameterConflict
    && e.message === 'Conflicting value ethertype IPv6 for CIDR 10.0.0.0/24');
  assert.throws(() => normalised({ remote_ip_prefix: '10.0.0.0/24', remote_group_id: 'x' }), SecurityGroupMultipleRemoteEntites);
  assert.throws(() => normalised({ remote_group_id: 'x', remote_address_group_id: 'y' }), SecurityGroupMultipleRemoteEntites);
  assert.equal(normalizedCidr('10.0.0.7/24'), '10.0.0.0/24');
  assert.equal(normalizedCidr('2001:db8::f00/64'), '2001:db8::/64');
  assert.equal(normalizedCidr(null), null);
});

test('duplicate keys: protocol names equal their numbers, any-address prefixes equal none', () => {
  const key = (overrides: Partial<RuleMatch>) => ruleKey({ ...rule(overrides), security_group_id: 'sg' });
  assert.equal(key({ protocol: 'tcp', port_range_min: 22, port_range_max: 22 }), key({ protocol: '6', port_range_min: 22, port_range_max: 22 }));
  assert.equal(key({ remote_ip_prefix: '0.0.0.0/0' }), key({}));
  assert.notEqual(key({ remote_ip_prefix: '10.0.0.1/24' }), key({ remote_ip_prefix: '10.0.0.0/24' }));
  assert.notEqual(key({ direction: 'egress' }), key({}));
});

test('property: normaliseRule accepts any TCP range within 1-65535 with min <= max and refuses the others', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }), (a, b) => {
    const ok = a >= 1 && b >= 1 && a <= b;
    if (ok) normalised({ protocol: 'tcp', port_range_min: a, port_range_max: b });
    else assert.throws(() => normalised({ protocol: 'tcp', port_range_min: a, port_range_max: b }));
  }));
});
