import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceService } from '../resource/resource-service.ts';

/** Device owners of the ports routers and floating IPs hold. */
export const ROUTER_INTERFACE = 'network:router_interface';
export const ROUTER_GATEWAY = 'network:router_gateway';
export const FLOATINGIP_OWNER = 'network:floatingip';
export const SERVICE_PORT_OWNERS: ReadonlySet<string> = new Set([ROUTER_INTERFACE, ROUTER_GATEWAY, FLOATINGIP_OWNER]);

function statusOf(deviceOwner: string): string {
  return deviceOwner === FLOATINGIP_OWNER ? 'N/A' : 'ACTIVE';
}

/** The transaction memo key that lets one service port through the port API's delete guard. */
const deleting = (portId: string) => `l3-service-delete/${portId}`;

/** Whether the port is being deleted by the L3 code itself (Neutron's `l3_port_check=False`). */
export function isServiceDelete(tx: Tx, portId: string): boolean {
  return tx.memo.get(deleting(portId)) === true;
}

/**
 * The ports routers and floating IPs own, made, changed and removed through
 * the port resource (its hooks: MAC, addresses, security groups) inside the
 * caller's transaction, on the system's behalf: no policy, no port quota,
 * as Neutron's L3 plugin calls its core plugin.
 */
export class ServicePorts {
  constructor(private readonly ports: ResourceService) {}

  /**
   * A new port of a router or floating IP. Router ports are ACTIVE at once
   * and floating IP ports N/A, as ML2/OVN shows them: the logical router
   * port exists as soon as the router has it.
   */
  async create(tx: Tx, ctx: RequestContext, values: ResourceRecord): Promise<ResourceRecord> {
    const port = await this.ports.createWithin(tx, ctx, { name: '', admin_state_up: true, ...values });
    const status = statusOf(String(values.device_owner));
    await this.ports.repo.update(tx, String(port.id), { status });
    return { ...port, status };
  }

  /** Changes a port; one that becomes a router's interface becomes ACTIVE with it. */
  update(tx: Tx, ctx: RequestContext, id: string, changes: ResourceRecord): Promise<ResourceRecord> {
    const status = typeof changes.device_owner === 'string' ? { status: statusOf(changes.device_owner) } : {};
    return this.ports.updateWithin(tx, ctx, id, { ...changes, ...status });
  }

  async delete(tx: Tx, ctx: RequestContext, id: string): Promise<void> {
    tx.memo.set(deleting(id), true);
    await this.ports.deleteWithin(tx, ctx, id);
  }

  /** A port as the caller may see it (404 PortNotFound otherwise). */
  read(tx: Tx, ctx: RequestContext, id: string): Promise<ResourceRecord> {
    return this.ports.readWithin(tx, ctx, id);
  }
}
