import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServiceProviders } from './availability-zones.ts';

test('service providers: muon\'s short form and Neutron\'s form with a driver', () => {
  assert.deepEqual(parseServiceProviders(['L3_ROUTER_NAT:ovn', 'L3_ROUTER_NAT:ovn:default', 'VPN:strongswan:neutron_vpnaas.StrongSwan', 'VPN:openswan:neutron_vpnaas.OpenSwan:default']), [
    { service_type: 'L3_ROUTER_NAT', name: 'ovn', default: false },
    { service_type: 'L3_ROUTER_NAT', name: 'ovn', default: true },
    { service_type: 'VPN', name: 'strongswan', default: false, driver: 'neutron_vpnaas.StrongSwan' },
    { service_type: 'VPN', name: 'openswan', default: true, driver: 'neutron_vpnaas.OpenSwan' },
  ]);
});
