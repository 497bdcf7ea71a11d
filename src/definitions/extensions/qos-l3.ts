import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';
import { GATEWAY_KEYS } from './router.ts';

/** `qos_policy_id` on floating IPs (stored; behaviour in core/qos/qos-l3-hooks.ts). */
export const qosFip = defineExtension({
  alias: 'qos-fip', name: 'Floating IP QoS', updated: '2017-07-20T00:00:00-00:00',
  description: 'The floating IP Quality of Service extension',
  requires: ['router', 'qos'],
  attributes: {
    floatingips: { qos_policy_id: { allowPost: true, allowPut: true, default: null, validate: v.uuidOrNone, filter: true } },
  },
});

/**
 * `qos_policy_id` inside routers' `external_gateway_info` (the attribute is
 * redefined with the extra key, over ext-gw-mode's), stored in the hidden
 * `gateway_qos_policy_id`.
 */
export const qosGatewayIp = defineExtension({
  alias: 'qos-gateway-ip', name: 'Router gateway IP QoS', updated: '2018-02-24T00:00:00-00:00',
  description: 'The Router gateway IP Quality of Service extension',
  requires: ['router', 'qos', 'ext-gw-mode'],
  attributes: {
    routers: {
      external_gateway_info: {
        allowPost: true, allowPut: true, default: null, convert: v.toGatewayInfo,
        validate: v.gatewayInfo([...GATEWAY_KEYS, 'enable_snat', 'qos_policy_id']), storage: 'none',
      },
      gateway_qos_policy_id: { allowPost: false, allowPut: false, visible: false },
    },
  },
});

/** Ports' read-only `qos_network_policy_id`: their network's policy. */
export const qosPortNetworkPolicy = defineExtension({
  alias: 'qos-port-network-policy', name: 'QoS port network policy extension', updated: '2019-11-01T10:00:00-00:00',
  description: 'Adds a the QoS network ID to the port definition',
  requires: ['qos'],
  attributes: {
    ports: { qos_network_policy_id: { allowPost: false, allowPut: false, storage: 'none' } },
  },
});

/**
 * Floating IPs' read-only `qos_network_policy_id`: the policy of their
 * floating (external) network, which applies to the floating IP when it has
 * none of its own (as a port's network policy does).
 */
export const qosFipNetworkPolicy = defineExtension({
  alias: 'qos-fip-network-policy', name: 'QoS floating IP network policy ID', updated: '2021-11-15T10:00:00-00:00',
  description: 'Adds a the QoS network ID to the floating IP definition',
  requires: ['router', 'qos', 'qos-fip'],
  attributes: {
    floatingips: { qos_network_policy_id: { allowPost: false, allowPut: false, storage: 'none' } },
  },
});
