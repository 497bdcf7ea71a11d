import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceService } from '../resource/resource-service.ts';

/** Device owners of the ports routers and floating IPs hold. */
export const ROUTER_INTERFACE = 'network:router_interface';
export const ROUTER_GATEWAY = 'network:router_gateway';
export const FLOATINGIP_OWNER = 'network:floatingip';
export const SERVICE_PORT_OWNERS: ReadonlySet<string> = new Set([ROUTER_INTERFACE, ROUTER_GATEWAY, FLOATINGIP_OWNER]);

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

  create(tx: Tx, ctx: RequestContext, values: ResourceRecord): Promise<ResourceRecord> {
    return this.ports.createWithin(tx, ctx, { name: '', admin_state_up: true, ...values });
  }

  update(tx: Tx, ctx: RequestContext, id: string, changes: ResourceRecord): Promise<ResourceRecord> {
    return this.ports.updateWithin(tx, ctx, id, changes);
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
