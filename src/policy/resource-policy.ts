/**
 * The default rules of one resource, as data: rule name → check string
 * (oslo.policy syntax), plus the attributes Neutron checks on create and
 * update with an `<action>:<attribute>` rule (neutron-lib's `enforce_policy`).
 */
export interface ResourcePolicy {
  /** Singular resource name used in rule names (`network` → `create_network`); absent for shared base rules. */
  readonly resource?: string;
  /**
   * Attributes that, when a create or update sets them, add the rule
   * `<action>:<attribute>` (a rule that does not exist falls back to
   * `default`). List values of objects also add `<action>:<attribute>:<key>`
   * for every key used (`create_port:fixed_ips:ip_address`).
   */
  readonly enforced?: readonly string[];
  /**
   * Enforced attributes whose value is an object with known keys (neutron-lib
   * `type:dict…` with key specs, e.g. a router's `external_gateway_info`):
   * each key the value sets adds `<action>:<attribute>:<key>`.
   */
  readonly dictAttributes?: readonly string[];
  readonly rules: Readonly<Record<string, string>>;
}

/** Joins checks with `or`, each in parentheses (same meaning as Neutron's bare joins, easier to read). */
export function anyOf(...checks: readonly string[]): string {
  return checks.map((c) => (/\s/.test(c) ? `(${c})` : c)).join(' or ');
}
