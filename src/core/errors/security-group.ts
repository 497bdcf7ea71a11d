/**
 * Security groups, their rules and address groups (Neutron's securitygroup, port_security and
 * address_group exceptions).
 */
import { BadRequest, Conflict, NotFound } from './base.ts';

export class SecurityGroupInvalidPortRange extends BadRequest {
  constructor() { super('For TCP/UDP protocols, port_range_min must be <= port_range_max'); }
}
export class SecurityGroupInvalidProtocolForPort extends BadRequest {
  constructor(protocol: string) { super(`Ports cannot be specified for protocol ${protocol}. Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.`); }
}
export class SecurityGroupInvalidPortValue extends BadRequest {
  constructor(port: string) { super(`Invalid value for port ${port}`); }
}
export class SecurityGroupInvalidIcmpValue extends BadRequest {
  constructor(field: 'type' | 'code', attr: string, value: number) { super(`Invalid value for ICMP ${field} (${attr}) ${value}. It must be 0 to 255.`); }
}
export class SecurityGroupEthertypeConflictWithProtocol extends BadRequest {
  constructor(ethertype: string, protocol: string) { super(`Invalid ethertype ${ethertype} for protocol ${protocol}.`); }
}
export class SecurityGroupMissingIcmpType extends BadRequest {
  constructor(value: number) { super(`ICMP code (port-range-max) ${value} is provided but ICMP type (port-range-min) is missing.`); }
}
export class SecurityGroupRulesNotSingleProject extends BadRequest {
  constructor() { super('Multiple project_ids in bulk security group rule create not allowed'); }
}
export class SecurityGroupMultipleRemoteEntites extends BadRequest {
  constructor() { super('Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.'); }
}
export class SecurityGroupProtocolRequiredWithPorts extends BadRequest {
  constructor() { super('Must also specify protocol if port range is given.'); }
}
export class SecurityGroupNotSingleGroupRules extends BadRequest {
  constructor() { super('Only allowed to update rules for one security profile at a time'); }
}
export class SecurityGroupRuleParameterConflict extends BadRequest {
  constructor(ethertype: string, cidr: string) { super(`Conflicting value ethertype ${ethertype} for CIDR ${cidr}`); }
}
export class PortSecurityAndIPRequiredForSecurityGroups extends BadRequest {
  constructor() { super('Port security must be enabled and port must have an IP address in order to use security groups.'); }
}
export class AddressesAlreadyExist extends BadRequest {
  constructor(addresses: readonly string[], addressGroupId: string) { super(`Addresses [${addresses.map((a) => `'${a}'`).join(', ')}] already exist in the address group ${addressGroupId}.`); }
}
export class SecurityGroupNotFound extends NotFound {
  constructor(id: string) { super(`Security group ${id} does not exist`); }
}
export class SecurityGroupRuleNotFound extends NotFound {
  constructor(id: string) { super(`Security group rule ${id} does not exist`); }
}
export class AddressGroupNotFound extends NotFound {
  constructor(id: string) { super(`Address group ${id} could not be found.`); }
}
export class AddressesNotFound extends NotFound {
  constructor(addresses: readonly string[], addressGroupId: string) { super(`Addresses [${addresses.map((a) => `'${a}'`).join(', ')}] not found in the address group ${addressGroupId}.`); }
}
export class SecurityGroupInUse extends Conflict {
  constructor(id: string) { super(`Security Group ${id} in use.`); }
}
export class SecurityGroupCannotRemoveDefault extends Conflict {
  constructor() { super('Insufficient rights for removing default security group.'); }
}
export class SecurityGroupCannotUpdateDefault extends Conflict {
  constructor() { super('Updating default security group not allowed.'); }
}
export class SecurityGroupDefaultAlreadyExists extends Conflict {
  constructor() { super('Default security group already exists.'); }
}
export class DuplicateSecurityGroupRuleInPost extends Conflict {
  constructor() { super('Duplicate Security Group Rule in POST.'); }
}
export class SecurityGroupRuleExists extends Conflict {
  constructor(ruleId: string) { super(`Security group rule already exists. Rule id is ${ruleId}.`); }
}
export class SecurityGroupConflict extends Conflict {
  constructor(reason: string) { super(`Error ${reason} while attempting the operation.`); }
}
export class PortSecurityPortHasSecurityGroup extends Conflict {
  constructor() { super('Port has security group associated. Cannot disable port security or IP address until security group is removed.'); }
}
export class AddressGroupInUse extends Conflict {
  constructor(id: string) { super(`Address group ${id} is in use on one or more security group rules.`); }
}
export class DefaultSecurityGroupRuleNotFound extends NotFound {
  constructor(id: string) { super(`Default Security Group rule ${id} does not exist`); }
}
export class DefaultSecurityGroupRuleExists extends Conflict {
  constructor(ruleId: string) { super(`Default Security group rule already exists. Rule id is ${ruleId}.`); }
}
