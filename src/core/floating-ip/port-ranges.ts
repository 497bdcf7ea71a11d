import { badRequest } from '../errors.ts';

/** The four port attributes of a port forwarding as stored: ranges always "N:M", single ports where N = M. */
export interface ForwardedPorts {
  external_port: number | null;
  internal_port: number | null;
  external_port_range: string;
  internal_port_range: string;
}

const RESOURCE = 'port_forwarding';

/** "N" → [N, N]; "N:M" → [N, M] (already validated as a port range). */
function bounds(range: string): [number, number] {
  const [first, last = first] = range.split(':').map(Number) as [number, number?];
  return [first, last!];
}

/**
 * One side (external or internal) after a create or update: a range given
 * wins, else a single port, else what the forwarding had. Giving a port and
 * a range that disagree, or neither on create, is a 400.
 */
function side(name: 'external' | 'internal', current: Record<string, unknown>, changes: Record<string, unknown>): [number, number] {
  const range = changes[`${name}_port_range`];
  const port = changes[`${name}_port`];
  if (range !== undefined && range !== null) {
    const [first, last] = bounds(String(range));
    if (port !== undefined && port !== null && (first !== last || first !== Number(port))) {
      throw badRequest(RESOURCE, `${name}_port and ${name}_port_range must not disagree`);
    }
    return [first, last];
  }
  if (port !== undefined && port !== null) return [Number(port), Number(port)];
  const existing = current[`${name}_port_range`];
  if (typeof existing === 'string') return bounds(existing);
  throw badRequest(RESOURCE, `A port forwarding needs ${name}_port or ${name}_port_range`);
}

/**
 * The ports of a port forwarding from the current row (empty on create) and
 * the request, in stored form.
 *
 * @example settlePorts({}, { internal_port: 22, external_port: 2222 }) // { internal_port: 22, external_port: 2222, internal_port_range: '22:22', external_port_range: '2222:2222' }
 */
export function settlePorts(current: Record<string, unknown>, changes: Record<string, unknown>): ForwardedPorts {
  const [ef, el] = side('external', current, changes);
  const [inf, inl] = side('internal', current, changes);
  return {
    external_port: ef === el ? ef : null, internal_port: inf === inl ? inf : null,
    external_port_range: `${ef}:${el}`, internal_port_range: `${inf}:${inl}`,
  };
}

/** Neutron's `_validate_ranges`: an internal range maps onto an external range of the same size (N-N), or one port takes a whole range (N-1). */
export function checkRangePair(internalRange: string, externalRange: string): void {
  const [inf, inl] = bounds(internalRange);
  const [ef, el] = bounds(externalRange);
  if (inl - inf > 0 && inl - inf !== el - ef) {
    throw badRequest(RESOURCE, 'Invalid ranges of internal and/or external ports. The relation between internal and external ports must be N-N or 1-N');
  }
}

/** 400 when two ranges of the same kind overlap (Neutron's `_check_collision`). */
export function collides(key: 'internal_port_range' | 'external_port_range', existing: string, requested: string): void {
  const [a1, a2] = bounds(existing);
  const [b1, b2] = bounds(requested);
  if (Math.max(a1, b1) <= Math.min(a2, b2)) {
    throw badRequest(RESOURCE, `There is a port collision with the ${key}. The following ranges collide: ${existing} and ${requested}`);
  }
}
