import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dnsDomainName, dnsHostName, dnsHostNameForDomain, fipDnsHostName } from './dns-validators.ts';

const reason = (data: string, why: string): string => `'${data}' not a valid PQDN or FQDN. Reason: ${why}`;

test('dnsHostName', () => {
  for (const ok of ['', 'vm1', 'my-vm.example.org.', '<project_id>.example.org.', 'a'.repeat(63)]) assert.equal(dnsHostName(ok), undefined, ok);
  assert.equal(dnsHostName('-vm'), reason('-vm', "Name '-vm' must not start or end with a hyphen"));
  assert.equal(dnsHostName('vm..a'), reason('vm..a', 'Encountered an empty component'));
  assert.equal(dnsHostName('.'), reason('.', 'Encountered an empty component'));
  assert.equal(dnsHostName('vm.123'), reason('vm.123', "TLD '123' must not be all numeric"));
  assert.equal(dnsHostName('VM'), reason('VM', "Name 'VM' must be 1-63 characters long, each of which can only be alphanumeric or a hyphen"));
  assert.equal(dnsHostName('a'.repeat(64)), reason('a'.repeat(64), `Name '${'a'.repeat(64)}' must be 1-63 characters long, each of which can only be alphanumeric or a hyphen`));
  const long = `${`${'a'.repeat(63)}.`.repeat(4)}abc`;
  assert.equal(dnsHostName(long), reason(long, `'${long}' exceeds the 255 character FQDN limit`));
  assert.equal(dnsHostName('vm\n'), reason('vm\n', "Name 'vm\n' must be 1-63 characters long, each of which can only be alphanumeric or a hyphen"));
  assert.equal(dnsHostName(null), "'None' is not a valid string");
});

test('dnsHostNameForDomain applies a non-default [DEFAULT] dns_domain', () => {
  const check = dnsHostNameForDomain('example.org');
  assert.equal(check('vm1'), undefined);
  assert.equal(check('vm1.example.org.'), undefined);
  assert.equal(check('vm1.other.org.'),
    "The dns_name passed is a FQDN. Its higher level labels must be equal to the dns_domain option in neutron.conf, that has been set to 'example.org'. It must also include one or more valid DNS labels to the left of 'example.org'");
  const pqdn = `${`${'a'.repeat(60)}.`.repeat(4)}x`;
  assert.equal(check(pqdn),
    `The dns_name passed is a PQDN and its size is '245'. The dns_domain option in neutron.conf is set to example.org, with a length of '13'. When the two are concatenated to form a FQDN (with a '.' at the end), the resulting length exceeds the maximum size of '255'`);
  assert.match(check('example.org.') ?? '', /^The dns_name passed is a FQDN\./);
  assert.equal(dnsHostNameForDomain('openstacklocal')('x.other.org.'), undefined);
});

test('dnsDomainName and fipDnsHostName', () => {
  assert.equal(dnsDomainName(''), undefined);
  assert.equal(dnsDomainName('example.org.'), undefined);
  assert.equal(dnsDomainName('example.org'), "'example.org' is not a FQDN");
  assert.equal(dnsDomainName('example.1.'), reason('example.1.', "TLD '1' must not be all numeric"));
  assert.equal(dnsDomainName(42), "'42' is not a valid string");
  assert.equal(dnsDomainName(`${'a'.repeat(62)}.`.repeat(4)), undefined);
  const tooLong = `${`${'a'.repeat(62)}.`.repeat(4)}b.`;
  assert.equal(dnsDomainName(tooLong),
    `'${tooLong}' contains 254 characters. Adding a sub-domain will cause it to exceed the maximum length of a FQDN of '255'`);
  assert.equal(fipDnsHostName('vm.'), "'vm.' is a FQDN. It should be a relative domain name");
  assert.equal(fipDnsHostName('vm'), undefined);
});

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);

test('property: dotted RFC 1123 labels with an alphabetic TLD pass; any control character fails', () => {
  fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 5 }), fc.stringMatching(/^[a-z]{2,6}$/), fc.boolean(), (labels, tld, dot) => {
    const name = `${[...labels, tld].join('.')}${dot ? '.' : ''}`;
    assert.equal(dnsHostName(name), undefined);
    if (dot) assert.equal(dnsDomainName(name), undefined);
  }));
  fc.assert(fc.property(label, fc.integer({ min: 0, max: 0x1f }), (name, code) => {
    assert.notEqual(dnsHostName(`${name}${String.fromCharCode(code)}`), undefined);
  }));
});
