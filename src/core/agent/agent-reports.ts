import type { Policy } from '../../policy/policy.ts';
import type { Store } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { InvalidInput, PolicyNotAuthorized } from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceService } from '../resource/resource-service.ts';
import type { AgentRegistry, AgentReport } from './agent-registry.ts';

/** What a host agent says about one port it sees on its host. */
export interface PortStatusReport {
  /** The host (chassis) the agent runs on. */
  readonly host: string;
  /** ACTIVE once the back end has bound and wired the port here; DOWN when unplugged or not (yet) bound. */
  readonly status: 'ACTIVE' | 'DOWN';
  /** Why binding failed (the port stays DOWN and `binding:vif_type` becomes `binding_failed`). */
  readonly reason?: string;
}

/** How a bound port is plugged on an OVN chassis (what ML2/OVN reports). */
export const OVS_VIF_DETAILS = { port_filter: true, connectivity: 'l2', bridge_name: 'br-int', datapath_type: 'netdev' };

/**
 * The entry points of host agents, for services and administrators only
 * (policy rules create_agent_report and report_port_status, not public Neutron
 * resources): agent heartbeats into the registry, and port status with the
 * binding that goes with it. Each call is one transaction; a report that
 * changes nothing writes nothing (no revision bump, no change-log row), so
 * agents may repeat themselves freely.
 */
export class AgentReports {
  constructor(private readonly store: Store, private readonly registry: AgentRegistry, private readonly ports: ResourceService, private readonly policy: Policy) {}

  /** Records an agent's heartbeat; returns its id. */
  async heartbeat(ctx: RequestContext, report: AgentReport): Promise<string> {
    this.authorize(ctx, 'create_agent_report');
    return this.registry.report(report);
  }

  /**
   * Sets a port's status and binding as the agent of `report.host` sees it:
   * ACTIVE means bound here (`binding:vif_type` ovs), DOWN with a reason means
   * binding failed (`binding_failed`, the reason in `binding:vif_details`),
   * DOWN alone leaves the binding as it was. 404 for an unknown port.
   */
  async portStatus(ctx: RequestContext, portId: string, report: PortStatusReport): Promise<ResourceRecord> {
    this.authorize(ctx, 'report_port_status');
    if (report.status === 'ACTIVE' && report.reason !== undefined) throw new InvalidInput('an ACTIVE port has no binding failure reason');
    return this.store.transaction(async (tx) => {
      const current = await this.ports.readWithin(tx, ctx, portId);
      const changes = changesFor(current, report);
      return Object.keys(changes).length === 0 ? current : this.ports.updateWithin(tx, ctx, portId, changes);
    });
  }

  private authorize(ctx: RequestContext, rule: string): void {
    if (!this.policy.authorize(ctx, rule, {})) throw new PolicyNotAuthorized(`rule:${rule}`);
  }
}

/** The attributes that differ from what `report` says they should be. */
export function changesFor(current: ResourceRecord, report: PortStatusReport): ResourceRecord {
  const wanted: ResourceRecord = { status: report.status };
  if (report.status === 'ACTIVE') {
    wanted['binding:vif_type'] = 'ovs';
    wanted['binding:vif_details'] = OVS_VIF_DETAILS;
  } else if (report.reason !== undefined) {
    wanted['binding:vif_type'] = 'binding_failed';
    wanted['binding:vif_details'] = { reason: report.reason, host: report.host };
  }
  const changes: ResourceRecord = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (JSON.stringify(current[key]) !== JSON.stringify(value)) changes[key] = value;
  }
  return changes;
}
