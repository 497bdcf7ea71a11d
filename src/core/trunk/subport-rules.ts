import { pyStr } from '../../definitions/validators/index.ts';
import type { Subport, TrunkPortView, TrunkRepo } from '../../store/repos/trunk-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import {
  InvalidInput, ParentPortInUse, PortInUse, PortNotFound, SubPortMtuGreaterThanTrunkPortMtu, TrunkPortInUse,
} from '../errors.ts';

/** Segmentation types and their id check (Neutron registers vlan; `inherit` is resolved before). */
const SEGMENTATION_TYPES: Readonly<Record<string, (id: number) => boolean>> = { vlan: (id) => id >= 1 && id <= 4094 };

/** A port the caller may read (Neutron reads ports with the caller's context): its own, or any for admins and services. */
export function portVisible(ctx: RequestContext, port: { project_id: string }): boolean {
  return ctx.isAdmin || ctx.isService || port.project_id === ctx.projectId;
}

/**
 * Neutron's TrunkPortValidator for a would-be parent: not a subport (409
 * TrunkPortInUse), not already a parent (409 ParentPortInUse), a port the
 * caller sees (404). Bound ports may be parents (the OVN trunk driver's rule).
 */
export async function checkParent(tx: Tx, repo: TrunkRepo, ctx: RequestContext, port: TrunkPortView | undefined, portId: string): Promise<void> {
  if (await repo.trunkOfSubport(tx, portId)) throw new TrunkPortInUse(portId);
  if ((await repo.trunksOfParents(tx, [portId])).size > 0) throw new ParentPortInUse(portId);
  if (port === undefined || !portVisible(ctx, port)) throw new PortNotFound(portId);
}

/**
 * Neutron's SubPortsValidator with trunk validation, in its order: `inherit`
 * takes the type and id of the subport's network; then per subport: not the
 * parent (409), its network's MTU not above the parent's (409), both
 * segmentation details (400), a known type and an id in range (400), and the
 * port free for it: in no trunk (409), an existing visible port (404)
 * without a device (409 PortInUse). `requested` passed the API validator.
 */
export async function validateSubports(tx: Tx, repo: TrunkRepo, ctx: RequestContext, requested: ReadonlyArray<Record<string, unknown>>, parentPortId: string): Promise<Subport[]> {
  const ports = await repo.ports(tx, [parentPortId, ...requested.map((s) => String(s.port_id))]);
  const parentMtu = ports.get(parentPortId)?.mtu;
  const out: Subport[] = [];
  for (const raw of requested) {
    const subport: Record<string, unknown> = { ...raw };
    const portId = String(subport.port_id);
    const port = ports.get(portId);
    if (subport.segmentation_type === 'inherit' && port !== undefined) {
      const only = port.segments.length === 1 ? port.segments[0]! : undefined;
      subport.segmentation_type = only?.network_type ?? null;
      subport.segmentation_id = only === undefined || only.network_type === 'flat' || only.network_type === 'local' ? null : only.segmentation_id;
    }
    if (portId === parentPortId) throw new ParentPortInUse(portId);
    if (parentMtu !== undefined && port !== undefined && port.mtu > parentMtu) throw new SubPortMtuGreaterThanTrunkPortMtu(portId, port.mtu, parentPortId, parentMtu);
    if (!('segmentation_type' in subport) || !('segmentation_id' in subport)) {
      throw new InvalidInput(`Invalid subport details '${pyStr(raw)}': missing segmentation information. Must specify both segmentation_id and segmentation_type`);
    }
    const id = toInt(subport.segmentation_id);
    if (id === undefined) throw new InvalidInput(`Invalid subport details: segmentation_id '${pyStr(subport.segmentation_id)}' is not an integer`);
    const type = subport.segmentation_type;
    const inRange = typeof type === 'string' ? SEGMENTATION_TYPES[type] : undefined;
    if (inRange === undefined || !Object.hasOwn(SEGMENTATION_TYPES, String(type))) throw new InvalidInput(`Unknown segmentation_type '${pyStr(type)}'`);
    if (!inRange(id)) throw new InvalidInput(`Segmentation ID '${pyStr(subport.segmentation_id)}' is not in range`);
    if (await repo.trunkOfSubport(tx, portId)) throw new TrunkPortInUse(portId);
    if ((await repo.trunksOfParents(tx, [portId])).size > 0) throw new ParentPortInUse(portId);
    if (port === undefined || !portVisible(ctx, port)) throw new PortNotFound(portId);
    if (port.device_id !== '') throw new PortInUse(port.network_id, portId, port.device_id);
    out.push({ port_id: portId, segmentation_type: type as string, segmentation_id: id });
  }
  return out;
}

/** neutron-lib convert_to_int: integers, integral strings, booleans; undefined where Python's int() fails. */
function toInt(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}
