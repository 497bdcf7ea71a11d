import { toBoolean } from './converters.ts';
import { fixedIps } from './ip-list-validators.ts';
import { dictOrNodata } from './dict-validators.ts';
import { pySetRepr, pyStr } from './python-text.ts';
import { hasKey, isDict } from './python-values.ts';
import type { Converter, Validator } from './types.ts';
import { uuid } from './uuid-validators.ts';

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
