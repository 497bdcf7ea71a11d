import { parseIpAddress } from '../../ipam/ip-address.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import { elevated } from '../context.ts';
import { badRequest, ExternalIpAddressExhausted, FipInUseByPortForwarding } from '../errors.ts';
import type { FixedIpRequest } from '../ipam/ip-allocator.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { subnetRowsOf, type L3Deps } from '../router/l3-deps.ts';
import { FLOATINGIP_OWNER } from '../router/service-ports.ts';
import { associate, UNASSOCIATED, type Association } from './floating-ip-association.ts';

/**
 * Floating IPs: the network must be visible (404), external and have an
 * IPv4 subnet (400); the address is taken by a `network:floatingip` port
 * (no project, device_id = the floating IP) from the requested subnet or
 * address, or any (400 ExternalIpAddressExhausted when no IPv4 address
 * came). `port_id` (and `fixed_ip_address`) associate it — see
 * `associate`; `port_id: null` or an empty update ends the association;
 * `fixed_ip_address` alone is a 400. Status: ACTIVE while associated, else DOWN. Deleting it
 * deletes its port. port_details summarises the associated port. While it
 * has port forwardings it is neither associated nor deleted (409
 * FipInUseByPortForwarding); `port_forwardings` lists them.
 */
export function floatingIpHooks(deps: L3Deps): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      const networkId = String(values.floating_network_id);
      const network = await deps.networks.readWithin(tx, ctx, networkId);
      if (network['router:external'] !== true) throw badRequest('floatingip', `Network ${networkId} is not a valid external network`);
      if (!(await subnetRowsOf(deps, tx, networkId)).some((s) => Number(s.ip_version) === 4)) {
        throw badRequest('floatingip', `Network ${networkId} does not contain any IPv4 subnet`);
      }
      if (values.fixed_ip_address !== null && values.port_id === null) throw badRequest('floatingip', 'fixed_ip_address cannot be specified without a port_id');
      const fixed: FixedIpRequest = {};
      if (values.subnet_id !== null && values.subnet_id !== undefined) fixed.subnet_id = String(values.subnet_id);
      if (values.floating_ip_address !== null && values.floating_ip_address !== undefined) fixed.ip_address = String(values.floating_ip_address);
      // Neutron makes the port with an elevated context: the external network's subnets (subnet_id) need not be readable by the caller.
      const port = await deps.ports.create(tx, elevated(ctx), {
        project_id: '', tenant_id: '', network_id: networkId, device_id: values.id, device_owner: FLOATINGIP_OWNER,
        ...(Object.keys(fixed).length > 0 ? { fixed_ips: [fixed] } : {}),
      });
      const v4 = (port.fixed_ips as Array<{ ip_address: string }>).find((f) => parseIpAddress(f.ip_address)?.version === 4);
      if (!v4) throw new ExternalIpAddressExhausted(networkId);
      values.floating_ip_address = v4.ip_address;
      values.floating_port_id = port.id;
      const association = values.port_id === null ? UNASSOCIATED
        : await associate(deps, tx, ctx, fipSide(values), String(values.port_id), values.fixed_ip_address as string | null);
      Object.assign(values, association, { status: statusOf(association) });
      delete values.subnet_id;
    },

    async beforeUpdate(tx, ctx, current, changes) {
      const portGiven = 'port_id' in changes && changes.port_id !== null;
      if (changes.fixed_ip_address !== undefined && changes.fixed_ip_address !== null && !portGiven) {
        throw badRequest('floatingip', 'fixed_ip_address cannot be specified without a port_id');
      }
      // An empty update ends the association (Neutron's behaviour since bug 1610045); one without port_id keeps it.
      if (!('port_id' in changes) && Object.keys(changes).length > 0) return;
      let association: Association = UNASSOCIATED;
      if (portGiven && await deps.fips.hasForwardings(tx, String(current.id))) throw new FipInUseByPortForwarding(String(current.id));
      if (portGiven) {
        const fixedIp = (changes.fixed_ip_address ?? null) as string | null;
        association = await associate(deps, tx, ctx, fipSide(current), String(changes.port_id), fixedIp);
      }
      // A floating IP serving port forwardings stays on their router.
      const kept = association.port_id === null && current.port_id === null ? { ...association, router_id: (current.router_id ?? null) as string | null } : association;
      Object.assign(changes, kept, { status: statusOf(kept) });
    },

    async beforeDelete(tx, _ctx, current) {
      if (await deps.fips.hasForwardings(tx, String(current.id))) throw new FipInUseByPortForwarding(String(current.id));
    },

    async afterDelete(tx, ctx, current) {
      await deps.ports.delete(tx, ctx, String(current.floating_port_id));
    },

    async extend(tx, _ctx, records) {
      const portIds = [...new Set(records.map((r) => r.port_id).filter((id): id is string => typeof id === 'string'))];
      const [portRows, forwardings] = await Promise.all([
        deps.repos.ports.getMany(tx, portIds), deps.fips.forwardingsOf(tx, records.map((r) => String(r.id))),
      ]);
      const ports = new Map(portRows.map((p) => [String(p.id), p]));
      const byFip = new Map<string, ResourceRecord[]>();
      for (const pf of forwardings) {
        const list = byFip.get(pf.floatingip_id) ?? [];
        list.push({ id: pf.id, internal_ip_address: pf.internal_ip_address, protocol: pf.protocol, internal_port: pf.internal_port, external_port: pf.external_port, internal_port_id: pf.internal_port_id });
        byFip.set(pf.floatingip_id, list);
      }
      for (const record of records) {
        const port = typeof record.port_id === 'string' ? ports.get(record.port_id) : undefined;
        record.port_details = port === undefined ? null : portDetails(port);
        record.port_forwardings = byFip.get(String(record.id)) ?? [];
      }
    },
  };
}

function fipSide(values: ResourceRecord | Row) {
  return {
    id: String(values.id), project_id: String(values.project_id),
    floating_network_id: String(values.floating_network_id), floating_ip_address: String(values.floating_ip_address),
  };
}

/** The status OVN reports: ACTIVE while the address forwards to a port, DOWN otherwise. */
function statusOf(association: Association): string {
  return association.port_id === null ? 'DOWN' : 'ACTIVE';
}

/** fip-port-details: what a floating IP shows of its port. */
function portDetails(port: Row): ResourceRecord {
  return {
    name: port.name, network_id: port.network_id, mac_address: port.mac_address,
    admin_state_up: Number(port.admin_state_up) === 1 || port.admin_state_up === true,
    status: port.status, device_id: port.device_id, device_owner: port.device_owner,
  };
}
