import { HTTPBadRequest } from '../errors.ts';
import type { Condition } from '../../store/repos/list-query.ts';

/**
 * `fixed_ips=ip_address=…`, `fixed_ips=subnet_id=…`, `fixed_ips=ip_address_substr=…`
 * (repeatable) → one condition on the port's allocations.
 */
export function parseFixedIpsFilter(values: readonly string[]): Condition {
  const ipAddresses: string[] = [];
  const subnetIds: string[] = [];
  const ipSubstrings: string[] = [];
  for (const value of values) {
    const at = value.indexOf('=');
    const key = at < 0 ? '' : value.slice(0, at);
    const operand = value.slice(at + 1);
    if (key === 'ip_address') ipAddresses.push(operand);
    else if (key === 'subnet_id') subnetIds.push(operand);
    else if (key === 'ip_address_substr') ipSubstrings.push(operand);
    else throw new HTTPBadRequest(`Invalid input for fixed_ips. Reason: '${value}' is not of the form <key>=[value].`);
  }
  return { kind: 'fixedIps', ipAddresses, subnetIds, ipSubstrings };
}
