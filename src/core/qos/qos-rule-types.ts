/**
 * Which QoS rule types muon's backend applies, and with which parameters:
 * those of Neutron's OVN QoS driver (muon's main data plane is OVN). Rule
 * types outside it (minimum_packet_rate) may be created in policies, but a
 * policy holding one cannot apply to a port (409 QosRuleNotSupported), nor
 * can any policy with rules apply to a port the driver does not handle
 * (an unbound port of vnic type other than `normal`).
 * Pure data and functions.
 */

/** neutron-lib's VALID_RULE_TYPES: every rule type Neutron implements (the all_rules filter). */
export const ALL_RULE_TYPES = ['bandwidth_limit', 'dscp_marking', 'minimum_bandwidth', 'packet_rate_limit', 'minimum_packet_rate'] as const;

const INT_MAX = 2147483647;
const DIRECTIONS = ['ingress', 'egress'];
const DSCP_MARKS = [0, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 44, 46, 48, 56];

type Parameter = { readonly range: readonly [number, number] } | { readonly choices: readonly (string | number)[] };

/** The backend driver: its name and, per rule type, the accepted parameter values. */
export const QOS_DRIVER: { readonly name: string; readonly rules: Readonly<Record<string, Readonly<Record<string, Parameter>>>> } = {
  name: 'ovn',
  rules: {
    bandwidth_limit: { max_kbps: { range: [0, INT_MAX] }, max_burst_kbps: { range: [0, INT_MAX] }, direction: { choices: DIRECTIONS } },
    dscp_marking: { dscp_mark: { choices: DSCP_MARKS } },
    minimum_bandwidth: { min_kbps: { range: [0, INT_MAX] }, direction: { choices: DIRECTIONS } },
  },
};

/**
 * The ports the backend applies QoS to (neutron-lib DriverBase's vif_types
 * and vnic_types of OVN's QoS driver): a bound port by its vif type, an
 * unbound one (or one whose binding failed) by its vnic type.
 */
const PORT_VIF_TYPES: ReadonlySet<string> = new Set(['ovs', 'vhostuser']);
const PORT_VNIC_TYPES: ReadonlySet<string> = new Set(['normal']);
const UNBOUND_VIF_TYPES: ReadonlySet<string> = new Set(['unbound', 'binding_failed']);

/** May the backend apply QoS rules to a port of this binding (Neutron's QoS driver manager check)? */
export function portTakesQos(vifType: string, vnicType: string): boolean {
  return UNBOUND_VIF_TYPES.has(vifType) ? PORT_VNIC_TYPES.has(vnicType) : PORT_VIF_TYPES.has(vifType);
}

/** Is a rule of this type applied by the backend (ports, networks)? */
export function ruleTypeSupported(type: string): boolean {
  return Object.hasOwn(QOS_DRIVER.rules, type);
}

/** The rule types to list: the backend's (default, and all_supported with one driver), or every implemented one (all_rules). */
export function listedRuleTypes(options: { allRules?: boolean } = {}): string[] {
  return options.allRules ? [...ALL_RULE_TYPES] : Object.keys(QOS_DRIVER.rules);
}

/** GET /qos/rule-types/{type}: the drivers supporting it with their parameters (none: an empty list). */
export function ruleTypeDetails(type: string): { type: string; drivers: unknown[] } {
  const rules = Object.hasOwn(QOS_DRIVER.rules, type) ? QOS_DRIVER.rules[type]! : undefined;
  if (rules === undefined) return { type, drivers: [] };
  const supported_parameters = Object.entries(rules).map(([name, parameter]) => ('range' in parameter
    ? { parameter_name: name, parameter_values: { start: parameter.range[0], end: parameter.range[1] }, parameter_type: 'range' }
    : { parameter_name: name, parameter_values: [...parameter.choices], parameter_type: 'choices' }));
  return { type, drivers: [{ name: QOS_DRIVER.name, supported_parameters }] };
}
