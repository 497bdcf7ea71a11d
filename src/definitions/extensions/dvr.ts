import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/*
 * No `l3-ha` (routers' `ha`): muon's data plane is OVN, where every router's
 * gateway is made highly available by gateway-chassis priorities and no HA
 * network exists — ML2/OVN does not offer l3-ha either (CONFORMANCE.md).
 */

/**
 * `distributed` on routers: stored and shown to administrators only (policy); false unless an admin asks.
 * Advertised although ML2/OVN does not: on OVN the flag has a data-plane meaning — a distributed
 * router's floating IPs are NATed on the chassis of their port (the NAT row's external_mac), which
 * ML2/OVN only offers cloud-wide (enable_distributed_floating_ip). See CONFORMANCE.md.
 */
export const dvr = defineExtension({
  alias: 'dvr', name: 'Distributed Virtual Router', updated: '2014-06-1T10:00:00-00:00',
  description: 'Enables configuration of Distributed Virtual Routers.',
  requires: ['router'],
  attributes: {
    routers: { distributed: { allowPost: true, allowPut: true, convert: v.toBooleanOrNone, storage: 'boolean' } },
  },
});
