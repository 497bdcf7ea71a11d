import type { ResourceRepo } from '../../store/repos/resource-repo.ts';
import type { Sharing } from '../rbac/sharing.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import type { NetworkLookup } from '../resource/resource-service.ts';
import { usablePolicy } from './qos-binding-hooks.ts';

type GatewayInfo = { network_id?: unknown; qos_policy_id?: string | null } | null | undefined;

const gatewayOf = (value: unknown): GatewayInfo =>
  value !== null && typeof value === 'object' && typeof (value as { network_id?: unknown }).network_id === 'string' ? value as GatewayInfo : null;

/**
 * `qos_policy_id` of floating IPs (qos-fip), composed after the floating IP
 * hooks: the policy must be one the caller may use (404 QosPolicyNotFound),
 * as for ports. Any rule type is accepted: the backend applies the bandwidth
 * limits and DSCP marks of it to the floating IP's traffic, as ML2/OVN.
 * `qos_network_policy_id` (qos-fip-network-policy) shows the floating
 * network's policy, the one that applies when the floating IP has none.
 */
export function qosFloatingIpHooks(policies: ResourceRepo, sharing: Sharing, networks: NetworkLookup): ResourceHooks {
  return {
    async extend(tx, _ctx, records) {
      const floatingNetworks = await networks.many(tx, [...new Set(records.map((r) => String(r.floating_network_id)))]);
      for (const record of records) {
        record.qos_network_policy_id = (floatingNetworks.get(String(record.floating_network_id))?.qos_policy_id as string | null | undefined) ?? null;
      }
    },

    async beforeCreate(tx, ctx, values) {
      const policyId = (values.qos_policy_id as string | null | undefined) ?? null;
      if (policyId !== null) await usablePolicy(tx, ctx, policies, sharing, policyId);
    },

    async beforeUpdate(tx, ctx, _current, changes) {
      const policyId = (changes.qos_policy_id as string | null | undefined) ?? null;
      if (policyId !== null) await usablePolicy(tx, ctx, policies, sharing, policyId);
    },
  };
}

/**
 * `external_gateway_info.qos_policy_id` of routers (qos-gateway-ip),
 * composed after the router hooks, stored in the hidden
 * `gateway_qos_policy_id`: set with the gateway, kept when a later gateway
 * change does not name it (Neutron updates the binding only when the key is
 * given), cleared with the gateway. Shown (null when none) whenever the
 * router has a gateway.
 */
export function qosRouterGatewayHooks(policies: ResourceRepo, sharing: Sharing): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      const info = gatewayOf(values.external_gateway_info);
      const policyId = info?.qos_policy_id ?? null;
      if (policyId !== null) await usablePolicy(tx, ctx, policies, sharing, policyId);
      values.gateway_qos_policy_id = policyId;
    },

    async beforeUpdate(tx, ctx, _current, changes) {
      if (!('external_gateway_info' in changes)) return;
      const info = gatewayOf(changes.external_gateway_info);
      if (info === null || info === undefined) {
        changes.gateway_qos_policy_id = null;
        return;
      }
      if (!('qos_policy_id' in info)) return;
      const policyId = info.qos_policy_id ?? null;
      if (policyId !== null) await usablePolicy(tx, ctx, policies, sharing, policyId);
      changes.gateway_qos_policy_id = policyId;
    },

    async extend(_tx, _ctx, records) {
      for (const record of records) showGatewayPolicy(record);
    },
  };
}

function showGatewayPolicy(record: ResourceRecord): void {
  const info = record.external_gateway_info as Record<string, unknown> | null | undefined;
  if (info !== null && info !== undefined) info.qos_policy_id = (record.gateway_qos_policy_id as string | null | undefined) ?? null;
}

/**
 * Ports' read-only `qos_network_policy_id` (qos-port-network-policy): the
 * policy of the port's network, which applies to the port when it has none
 * of its own. Read from the listing's network rows (already read for its
 * policy check); a created port takes it from its create.
 */
export function qosPortNetworkPolicyHooks(networks: NetworkLookup): ResourceHooks {
  const created = new WeakMap<ResourceRecord, string | null>();
  return {
    async beforeCreate(tx, _ctx, values) {
      // The network row the port's own hooks read, remembered for the transaction: no statement of its own.
      const network = await networks.one(tx, String(values.network_id));
      created.set(values, (network?.qos_policy_id as string | null | undefined) ?? null);
    },

    extendCreated(records, values) {
      records.forEach((record, i) => { record.qos_network_policy_id = created.get(values[i]!) ?? null; });
    },

    async extend(tx, _ctx, records) {
      // The listing's network rows, already read for its policy check: no statement of its own.
      const networkRecords = await networks.many(tx, records.map((r) => String(r.network_id)));
      for (const record of records) record.qos_network_policy_id = (networkRecords.get(String(record.network_id))?.qos_policy_id as string | null | undefined) ?? null;
    },
  };
}
