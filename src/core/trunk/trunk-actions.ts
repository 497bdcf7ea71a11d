import type { Policy } from '../../policy/policy.ts';
import type { ResourceRepo } from '../../store/repos/resource-repo.ts';
import type { Subport, TrunkRepo } from '../../store/repos/trunk-repo.ts';
import type { Store, Tx } from '../../store/store.ts';
import { subports as subportsValidator } from '../../definitions/validators/index.ts';
import type { RequestContext } from '../context.ts';
import { DuplicateSubPort, HTTPBadRequest, InvalidInput, PolicyNotAuthorized, SubPortNotFound, TrunkDisabled, TrunkNotFound } from '../errors.ts';
import { rowToRecord, type ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceService } from '../resource/resource-service.ts';
import { bumpRevision } from '../resource/revision.ts';
import { joinSubports, leaveSubports, trunkStatusFor } from './subport-binding.ts';
import { validateSubports } from './subport-rules.ts';

export type TrunkAction = 'add_subports' | 'remove_subports';

/**
 * The trunk member actions, one transaction each: add_subports (the subport
 * rules, then 409 DuplicateSubPort for a segmentation already on the
 * trunk), remove_subports (404 SubPortNotFound for a port not on it), both
 * refused on a disabled trunk (409 TrunkDisabled), binding or releasing the
 * subports (subport-binding.ts) and bumping the trunk's revision, whose
 * status is its parent's (ACTIVE or DOWN); get_subports reads them.
 */
export class TrunkActions {
  constructor(
    private readonly store: Store,
    private readonly policy: Policy,
    private readonly trunks: ResourceRepo,
    private readonly repo: TrunkRepo,
    private readonly service: ResourceService,
  ) {}

  /** Runs `action` with the request body `{"sub_ports": [...]}`; returns the trunk as it is afterwards. */
  async run(ctx: RequestContext, id: string, action: TrunkAction, body: unknown): Promise<ResourceRecord> {
    return this.store.transaction(async (tx) => {
      const trunk = await this.authorized(tx, ctx, id, action, true);
      // Neutron's order: add_subports validates before it checks the trunk is enabled, remove_subports after.
      if (action === 'remove_subports' && trunk.admin_state_up !== true) throw new TrunkDisabled(id);
      const requested = requestedSubports(body);
      if (action === 'add_subports') {
        const subports = await validateSubports(tx, this.repo, ctx, requested, String(trunk.port_id));
        if (trunk.admin_state_up !== true) throw new TrunkDisabled(id);
        for (const s of subports) {
          if (await this.repo.segmentationUsed(tx, id, s.segmentation_type, s.segmentation_id)) throw new DuplicateSubPort(s.segmentation_type, s.segmentation_id, id);
        }
        await this.repo.add(tx, id, subports);
        await joinSubports(tx, this.repo, String(trunk.port_id), subports);
      } else {
        const current = new Map(((await this.repo.subportsOf(tx, [id])).get(id) ?? []).map((s) => [s.port_id, s]));
        const removed: Subport[] = [];
        for (const subport of requested) {
          const found = current.get(String(subport.port_id));
          if (found === undefined) throw new SubPortNotFound(id, String(subport.port_id));
          current.delete(found.port_id);
          removed.push(found);
        }
        await this.repo.remove(tx, id, removed.map((s) => s.port_id));
        await leaveSubports(tx, this.repo, removed);
      }
      const parentStatus = (await this.repo.bindings(tx, [String(trunk.port_id)])).get(String(trunk.port_id))?.status;
      await this.trunks.update(tx, id, { status: trunkStatusFor(parentStatus) });
      await bumpRevision(tx, 'trunks', id, { force: true });
      return (await this.service.load(tx, ctx, [id]))[0]!;
    });
  }

  /** The subports of a trunk the caller may read (get_subports). */
  async subports(ctx: RequestContext, id: string): Promise<Subport[]> {
    return this.store.read(async (tx) => {
      await this.authorized(tx, ctx, id, 'get_subports', false);
      return (await this.repo.subportsOf(tx, [id])).get(id) ?? [];
    });
  }

  /** The trunk, when the caller may do `action` on it: else 404 (cannot see it) or 403. */
  private async authorized(tx: Tx, ctx: RequestContext, id: string, action: string, lock: boolean): Promise<ResourceRecord> {
    const row = await this.trunks.get(tx, id, { forUpdate: lock });
    if (!row) throw new TrunkNotFound(id);
    const trunk = rowToRecord(this.service.resource, row);
    const decision = this.policy.checkAction(ctx, action, trunk, {}, 'get_trunk');
    if (!decision.allowed) throw decision.notFound ? new TrunkNotFound(id) : new PolicyNotAuthorized(decision.rule);
    return trunk;
  }
}

/** `{"sub_ports": [...]}` through neutron-lib's subports validator (InvalidInput, as the trunk plugin's basic validation). */
function requestedSubports(body: unknown): Array<Record<string, unknown>> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HTTPBadRequest('Malformed request body');
  if (!('sub_ports' in body)) throw new HTTPBadRequest("Unable to find 'sub_ports' in request body");
  const list = (body as Record<string, unknown>).sub_ports;
  const problem = subportsValidator(list);
  if (problem !== undefined) throw new InvalidInput(problem);
  return list as Array<Record<string, unknown>>;
}
