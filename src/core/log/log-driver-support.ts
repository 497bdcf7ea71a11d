/**
 * What muon's backend logs, and on which ports: Neutron's OVN log driver
 * (muon's main data plane is OVN), as data. It logs security groups, on
 * ports plugged as OVS or vhost-user interfaces, or not bound yet with a
 * normal vNIC (neutron/services/logapi/common/validators.py: an unbound
 * port is judged by its vNIC type). Pure data and functions.
 */
export const LOG_DRIVER = {
  name: 'ovn',
  loggingTypes: ['security_group'],
  vifTypes: ['ovs', 'vhostuser'],
  vnicTypes: ['normal'],
} as const;

/** VIF types that say nothing about the plug (Neutron's SKIPPED_VIF_TYPES): the vNIC type decides. */
const NOT_PLUGGED = new Set(['unbound', 'binding_failed']);

/** The resource types a log may name (GET /v2.0/log/loggable-resources). */
export function loggableTypes(): string[] {
  return [...LOG_DRIVER.loggingTypes];
}

/** Whether the backend logs `logType` on a port bound with these types. */
export function portSupportsLogging(logType: string, binding: { readonly vifType: string; readonly vnicType: string }): boolean {
  const plugged = NOT_PLUGGED.has(binding.vifType)
    ? (LOG_DRIVER.vnicTypes as readonly string[]).includes(binding.vnicType)
    : (LOG_DRIVER.vifTypes as readonly string[]).includes(binding.vifType);
  return plugged && (LOG_DRIVER.loggingTypes as readonly string[]).includes(logType);
}
