import type { Policy } from '../../policy/policy.ts';
import type { PortBindingRepo, StoredBinding } from '../../store/repos/port-binding-repo.ts';
import type { Store, Tx } from '../../store/store.ts';
import { OVS_VIF_DETAILS } from '../agent/agent-reports.ts';
import type { RequestContext } from '../context.ts';
import {
  badRequest, HTTPNotFound, PolicyNotAuthorized, PortBindingAlreadyActive, PortBindingAlreadyExists, PortBindingNotFound,
} from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import { bumpRevision } from '../resource/revision.ts';
import type { ResourceService } from '../resource/resource-service.ts';

/** One binding as the API shows it (binding-extended). */
export interface PortBinding {
  readonly host: string;
  readonly vif_type: string;
  readonly vif_details: Record<string, unknown>;
  readonly vnic_type: string;
  readonly profile: Record<string, unknown>;
  readonly status: 'ACTIVE' | 'INACTIVE';
}

/** What a create asks for (validated and defaulted by the API). */
export interface BindingRequest {
  readonly host: string;
  readonly vnic_type: string;
  readonly profile: Record<string, unknown>;
}

/** Binding list filters: attribute → accepted values (any of them). */
export type BindingFilters = Partial<Record<'host' | 'vif_type' | 'vnic_type' | 'status', readonly string[]>>;

/** Device owners whose ports may have several bindings (Neutron: compute and shared file system ports). */
const MULTI_BINDING_OWNERS = ['compute:', 'manila:'];

/**
 * binding-extended, the live-migration bindings Nova drives: a port has one
 * ACTIVE binding — its own `binding:*` attributes, the single truth drivers
 * and agents read — and any number of INACTIVE ones, one per other host
 * (`port_bindings` rows). Nova creates an inactive binding on the
 * destination, activates it when the instance moves (the old active one
 * becomes inactive, unbound) and deletes the old one.
 *
 * Activation is a change of the port's binding host made through the port
 * service (hooks, revision, change log), so the OVN driver moves the port's
 * requested-chassis as for any `binding:host_id` update.
 *
 * Every method is one transaction (reads: one snapshot per statement).
 * Order of checks, as Neutron's: the port must be visible (404
 * PortNotFound) and a compute port (400); reads need get_port_binding
 * (otherwise 404 for one binding, nothing listed); create needs
 * create_port_binding (403); delete and activate need the binding to exist
 * and be readable (404) and then their rule (403).
 */
export class PortBindings {
  constructor(private readonly store: Store, private readonly ports: ResourceService, private readonly repo: PortBindingRepo, private readonly policy: Policy) {}

  /** The port's bindings the caller may read, the active one first, narrowed by `filters`. */
  async list(ctx: RequestContext, portId: string, filters: BindingFilters = {}): Promise<PortBinding[]> {
    return this.store.read(async (tx) => {
      const port = await this.computePort(tx, ctx, portId);
      if (!this.policy.authorize(ctx, 'get_port_binding', target(port))) return [];
      const all = [activeOf(port), ...(await this.repo.ofPort(tx, portId)).map(inactive)];
      return all.filter((binding) => Object.entries(filters).every(([key, wanted]) => wanted.includes(String(binding[key as keyof PortBinding]))));
    });
  }

  /** The port's binding on `host`: 404 when there is none or the caller may not read bindings. */
  async show(ctx: RequestContext, portId: string, host: string): Promise<PortBinding> {
    return this.store.read(async (tx) => (await this.readable(tx, ctx, portId, host)).binding);
  }

  /**
   * A new INACTIVE binding of the port on `request.host` (the port's active
   * binding is never replaced here: that is `activate`). It is bound as the
   * host's agent would bind the port (vif_type `ovs`) when an agent has
   * reported from that host, else left `unbound`. 409 PortBindingAlreadyExists
   * when the port has a binding there already, active or not.
   */
  async create(ctx: RequestContext, portId: string, request: BindingRequest): Promise<PortBinding> {
    return this.store.transaction(async (tx) => {
      await this.repo.lockPort(tx, portId);
      const port = await this.ports.readWithin(tx, ctx, portId);
      if (!this.policy.authorize(ctx, 'create_port_binding', { ...target(port), ...request })) throw new PolicyNotAuthorized('rule:create_port_binding');
      checkMultiBinding(port);
      if (request.host === port['binding:host_id'] || (await this.repo.get(tx, portId, request.host)) !== undefined) {
        throw new PortBindingAlreadyExists(portId, request.host);
      }
      const bound = await this.repo.hostHasAgent(tx, request.host);
      const binding: StoredBinding = { ...request, vif_type: bound ? 'ovs' : 'unbound', vif_details: bound ? { ...OVS_VIF_DETAILS } : {} };
      await this.repo.put(tx, portId, binding);
      await bumpRevision(tx, 'ports', portId);
      return inactive(binding);
    });
  }

  /**
   * Makes the INACTIVE binding on `host` the port's active one: the port
   * takes its host, vnic type, profile and binding result and goes DOWN
   * until the destination's agent reports it up; the previous active
   * binding (when it had a host) stays as an INACTIVE, unbound binding.
   * 409 PortBindingAlreadyActive for the active binding, 404
   * PortBindingNotFound for a host without a binding.
   */
  async activate(ctx: RequestContext, portId: string, host: string): Promise<PortBinding> {
    return this.store.transaction(async (tx) => {
      await this.repo.lockPort(tx, portId);
      const { port } = await this.readable(tx, ctx, portId, host);
      this.require(ctx, 'activate', port);
      if (host === port['binding:host_id']) throw new PortBindingAlreadyActive(portId, host);
      const chosen = await this.repo.take(tx, portId, host);
      if (chosen === undefined) throw new PortBindingNotFound(portId, host);
      const previous = activeOf(port);
      if (previous.host !== '') await this.repo.put(tx, portId, { host: previous.host, vnic_type: previous.vnic_type, profile: previous.profile, vif_type: 'unbound', vif_details: {} });
      const updated = await this.ports.updateWithin(tx, ctx, portId, {
        'binding:host_id': chosen.host, 'binding:vnic_type': chosen.vnic_type, 'binding:profile': chosen.profile,
        'binding:vif_type': chosen.vif_type, 'binding:vif_details': chosen.vif_details, status: 'DOWN',
      });
      return activeOf(updated);
    });
  }

  /**
   * Removes the port's binding on `host`. Removing the ACTIVE binding
   * unbinds the port (no host, unbound, DOWN), as Neutron leaves a port
   * whose active binding row is gone without a host.
   */
  async delete(ctx: RequestContext, portId: string, host: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      await this.repo.lockPort(tx, portId);
      const { port, binding } = await this.readable(tx, ctx, portId, host);
      this.require(ctx, 'delete_port_binding', port);
      if (binding.status === 'ACTIVE') {
        await this.ports.updateWithin(tx, ctx, portId, { 'binding:host_id': '', 'binding:profile': {}, 'binding:vif_type': 'unbound', 'binding:vif_details': {}, status: 'DOWN' });
        return;
      }
      if ((await this.repo.take(tx, portId, host)) === undefined) throw new PortBindingNotFound(portId, host);
      await bumpRevision(tx, 'ports', portId);
    });
  }

  /** A visible compute port (404 PortNotFound, 400 otherwise). */
  private async computePort(tx: Tx, ctx: RequestContext, portId: string): Promise<ResourceRecord> {
    const port = await this.ports.readWithin(tx, ctx, portId);
    checkMultiBinding(port);
    return port;
  }

  /** The port and its binding on `host`, which the caller may read (else 404, Neutron's generic one when only the policy says no). */
  private async readable(tx: Tx, ctx: RequestContext, portId: string, host: string): Promise<{ port: ResourceRecord; binding: PortBinding }> {
    const port = await this.computePort(tx, ctx, portId);
    const stored = host === port['binding:host_id'] ? undefined : await this.repo.get(tx, portId, host);
    const binding = host === port['binding:host_id'] ? activeOf(port) : stored && inactive(stored);
    if (binding === undefined) throw new PortBindingNotFound(portId, host);
    if (!this.policy.authorize(ctx, 'get_port_binding', target(port))) throw new HTTPNotFound();
    return { port, binding };
  }

  private require(ctx: RequestContext, rule: string, port: ResourceRecord): void {
    if (!this.policy.authorize(ctx, rule, target(port))) throw new PolicyNotAuthorized(`rule:${rule}`);
  }
}

/** 400 unless the port is a compute (or shared file system) port: only those migrate. */
function checkMultiBinding(port: ResourceRecord): void {
  const owner = String(port.device_owner ?? '');
  if (!MULTI_BINDING_OWNERS.some((prefix) => owner.startsWith(prefix))) {
    throw badRequest('port', `Invalid port ${String(port.id)}. Operation only valid on compute and shared filesystem ports`);
  }
}

/** What the binding rules see: the port's project (bindings have none of their own). */
function target(port: ResourceRecord): ResourceRecord {
  return { port_id: port.id, project_id: port.project_id, tenant_id: port.project_id };
}

/** The port's own binding attributes, as its ACTIVE binding. */
function activeOf(port: ResourceRecord): PortBinding {
  return {
    host: String(port['binding:host_id'] ?? ''), vif_type: String(port['binding:vif_type'] ?? 'unbound'),
    vif_details: (port['binding:vif_details'] ?? {}) as Record<string, unknown>, vnic_type: String(port['binding:vnic_type'] ?? 'normal'),
    profile: (port['binding:profile'] ?? {}) as Record<string, unknown>, status: 'ACTIVE',
  };
}

function inactive(binding: StoredBinding): PortBinding {
  return { host: binding.host, vif_type: binding.vif_type, vif_details: binding.vif_details, vnic_type: binding.vnic_type, profile: binding.profile, status: 'INACTIVE' };
}
