import { toBoolean } from './converters.ts';
import { fixedIps } from './ip-list-validators.ts';
import { dictOrNodata } from './dict-validators.ts';
import { pySetRepr, pyStr } from './python-text.ts';
import { hasKey, isDict } from './python-values.ts';
import type { Converter, Validator } from './types.ts';
import { uuid, uuidOrNone } from './uuid-validators.ts';

/**
 * neutron-lib `dict_or_nodata` with the key specs of a router's
 * `external_gateway_info`: nothing (null, {} …) clears the gateway; else an
 * object with a `network_id` UUID (`Validation of dictionary's keys failed.
 * Expected keys: {'network_id'} Provided keys: {…}`), no other key than
 * `keys` (`Unexpected keys supplied: a, b`), `external_fixed_ips` as
 * {@link fixedIps} and `enable_snat` a boolean when present.
 *
 * @example gatewayInfo(['network_id'])({ network_id: 'x' }) // "'x' is not a valid UUID"
 */
export function gatewayInfo(keys: readonly string[]): Validator {
  return (value) => {
    const shape = dictOrNodata(value);
    if (shape !== undefined || !isDict(value)) return shape;
    if (Object.keys(value).length === 0) return undefined;
    if (!hasKey(value, 'network_id')) {
      return `Validation of dictionary's keys failed. Expected keys: {'network_id'} Provided keys: ${pySetRepr(Object.keys(value))}`;
    }
    const unexpected = Object.keys(value).filter((k) => !keys.includes(k));
    if (unexpected.length > 0) return `Unexpected keys supplied: ${unexpected.join(', ')}`;
    const networkProblem = uuid(value.network_id);
    if (networkProblem !== undefined) return networkProblem;
    if (hasKey(value, 'external_fixed_ips')) {
      const problem = fixedIps(value.external_fixed_ips);
      if (problem !== undefined) return problem;
    }
    if (hasKey(value, 'enable_snat') && typeof value.enable_snat !== 'boolean') return `'${pyStr(value.enable_snat)}' is not a valid boolean value`;
    // qos-gateway-ip: the key is only among `keys` with that extension.
    if (hasKey(value, 'qos_policy_id')) return uuidOrNone(value.qos_policy_id);
    return undefined;
  };
}

/**
 * The converters of `external_gateway_info`'s keys (neutron-lib runs them
 * while validating the dict): `enable_snat` through convert_to_boolean.
 * Anything else passes unchanged for the validator to judge.
 */
export const toGatewayInfo: Converter = (value) => {
  if (!isDict(value) || !hasKey(value, 'enable_snat')) return value;
  return { ...value, enable_snat: toBoolean(value.enable_snat) };
};

/**
 * neutron-lib `port_range` (floating IP port forwardings): null, or a port
 * `N` or range `N:M` (a string, or an integer port) within [min, max] with
 * N ≤ M. Messages as Neutron's.
 *
 * @example portRangeOrNone(1, 65535)('10:5') // "First port in a port range must be lower than the second port"
 */
export function portRangeOrNone(min: number, max: number): Validator {
  return (value) => {
    if (value === null) return undefined;
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) return `'${pyStr(value)}' is not a valid port range`;
    const ports = String(value).split(':');
    if (ports.length > 2) return 'Port range must be two integers separated by a colon, or one integer';
    for (const port of ports) {
      if (!/^\d{1,5}$/.test(port)) return `Port '${pyStr(port)}' is not a valid number`;
      if (Number(port) < min || Number(port) > max) return `Invalid port '${port}', restricted range from ${min} to ${max}`;
    }
    if (ports.length === 2 && Number(ports[0]) > Number(ports[1])) return 'First port in a port range must be lower than the second port';
    return undefined;
  };
}
