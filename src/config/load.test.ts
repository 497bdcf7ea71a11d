import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './load.ts';

test('environment: integers become numbers, lists are comma-separated, overrides win', () => {
  const config = loadConfig({}, { MUON_GLOBAL_PHYSNET_MTU: '9000', MUON_NETWORK_VLAN_RANGES: 'physnet1:100:200, public:100:200,,' });
  assert.equal(config.globalPhysnetMtu, 9000);
  assert.deepEqual(config.networkVlanRanges, ['physnet1:100:200', 'public:100:200']);
  assert.deepEqual(loadConfig({}, {}).networkVlanRanges, ['physnet1:100:200'], 'the default without the variable');
  assert.deepEqual(loadConfig({ networkVlanRanges: ['x'] }, { MUON_NETWORK_VLAN_RANGES: 'public' }).networkVlanRanges, ['x']);
  assert.throws(() => loadConfig({}, { MUON_GLOBAL_PHYSNET_MTU: 'lots' }), ConfigError);
});

test('environment: booleans are true or false (any case); anything else is refused', () => {
  assert.equal(loadConfig({}, {}).ovnMetadataEnabled, true);
  assert.equal(loadConfig({}, { MUON_OVN_METADATA_ENABLED: 'False' }).ovnMetadataEnabled, false);
  assert.equal(loadConfig({}, { MUON_OVN_METADATA_ENABLED: 'true' }).ovnMetadataEnabled, true);
  assert.throws(() => loadConfig({}, { MUON_OVN_METADATA_ENABLED: 'no' }), ConfigError);
});

test('environment: service providers, with or without a driver; anything else is refused', () => {
  const config = loadConfig({}, { MUON_SERVICE_PROVIDERS: 'L3_ROUTER_NAT:ovn:default, LOADBALANCERV2:amphora:octavia.api.drivers.AmphoraDriver:default' });
  assert.deepEqual(config.serviceProviders, ['L3_ROUTER_NAT:ovn:default', 'LOADBALANCERV2:amphora:octavia.api.drivers.AmphoraDriver:default']);
  assert.throws(() => loadConfig({}, { MUON_SERVICE_PROVIDERS: 'L3_ROUTER_NAT' }), ConfigError);
  assert.throws(() => loadConfig({}, { MUON_SERVICE_PROVIDERS: 'a:b:c:d:e' }), ConfigError);
});
