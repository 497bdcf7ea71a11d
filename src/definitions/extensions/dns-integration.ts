import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** dns_name / dns_assignment on ports and dns_domain on networks. */
export const dnsIntegration = defineExtension({
  alias: 'dns-integration', name: 'DNS Integration', updated: '2015-08-15T18:00:00-00:00',
  description: 'DNS names of ports and floating IPs, DNS domains of networks and floating IPs.',
  attributes: {
    ports: {
      dns_name: { allowPost: true, allowPut: true, default: '', convert: v.toLowerCase, validate: v.dnsHostName, filter: true, sort: true },
      dns_assignment: { allowPost: false, allowPut: false, storage: 'none' },
    },
    networks: {
      dns_domain: { allowPost: true, allowPut: true, default: '', convert: v.toLowerCase, validate: v.dnsDomainName, filter: true, sort: true },
    },
    // Create-only on floating IPs; kept and shown (muon publishes to no external DNS service yet).
    floatingips: {
      dns_name: { allowPost: true, allowPut: false, default: '', convert: v.toLowerCase, validate: v.fipDnsHostName, filter: true, sort: true },
      dns_domain: { allowPost: true, allowPut: false, default: '', convert: v.toLowerCase, validate: v.dnsDomainName, filter: true, sort: true },
    },
  },
});

/** dns_domain on ports (overrides the network's for this port's records). */
export const dnsDomainPorts = defineExtension({
  alias: 'dns-domain-ports', name: 'dns_domain for ports', updated: '2017-06-25T18:00:00-00:00',
  description: 'Ports carry their own dns_domain.',
  requires: ['dns-integration'],
  attributes: {
    ports: { dns_domain: { allowPost: true, allowPut: true, default: '', convert: v.toLowerCase, validate: v.dnsDomainName, filter: true, sort: true } },
  },
});
