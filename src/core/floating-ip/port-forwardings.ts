import type { ListQuery } from '../../store/repos/list-query.ts';
import type { RequestContext } from '../context.ts';
import { PortForwardingNotFound } from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceService } from '../resource/resource-service.ts';

/**
 * The sub-resource /floatingips/{floatingip_id}/port_forwardings: the
 * floating IP must be visible to the caller (404 FloatingIPNotFound), a
 * forwarding of another floating IP is a 404 PortForwardingNotFound; the
 * rest is the generic engine with the port forwarding hooks. A forwarding
 * belongs to its floating IP's project, so the policy's owner rules read the
 * parent's owner (Neutron's ext_parent_owner).
 */
export class PortForwardings {
  constructor(private readonly floatingips: ResourceService, readonly service: ResourceService) {}

  async list(ctx: RequestContext, floatingipId: string, query: ListQuery): Promise<ResourceRecord[]> {
    await this.floatingips.show(ctx, floatingipId);
    return this.service.list(ctx, { ...query, conditions: [...query.conditions, { kind: 'in', column: 'floatingip_id', values: [floatingipId] }] });
  }

  async show(ctx: RequestContext, floatingipId: string, id: string): Promise<ResourceRecord> {
    await this.floatingips.show(ctx, floatingipId);
    const record = await this.service.show(ctx, id);
    if (record.floatingip_id !== floatingipId) throw new PortForwardingNotFound(id);
    return record;
  }

  /** Creates one forwarding from a parsed body (`values`: converted, defaults filled). */
  async create(ctx: RequestContext, floatingipId: string, values: ResourceRecord): Promise<ResourceRecord> {
    const fip = await this.floatingips.show(ctx, floatingipId);
    const owned = { ...values, floatingip_id: floatingipId, project_id: fip.project_id, tenant_id: fip.project_id };
    return (await this.service.create(ctx, [owned]))[0]!;
  }

  async update(ctx: RequestContext, floatingipId: string, id: string, changes: ResourceRecord): Promise<ResourceRecord> {
    await this.show(ctx, floatingipId, id);
    return this.service.update(ctx, id, changes);
  }

  async delete(ctx: RequestContext, floatingipId: string, id: string): Promise<void> {
    await this.show(ctx, floatingipId, id);
    await this.service.delete(ctx, id);
  }
}
