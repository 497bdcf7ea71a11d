/**
 * QoS policies and rules.
 */
import { Conflict, NotAuthorized, NotFound } from './base.ts';

export class QosPolicyNotFound extends NotFound {
  constructor(id: string) { super(`QoS policy ${id} could not be found.`); }
}
export class QosRuleNotFound extends NotFound {
  constructor(ruleId: string, policyId: string) { super(`QoS rule ${ruleId} for policy ${policyId} could not be found.`); }
}
export class QoSPolicyDefaultAlreadyExists extends Conflict {
  constructor(projectId: string) { super(`A default QoS policy exists for project ${projectId}.`); }
}
export class QosPolicyInUse extends Conflict {
  constructor(policyId: string, objectType: string, objectId: string) { super(`QoS Policy ${policyId} is used by ${objectType} ${objectId}.`); }
}
export class QosRuleNotSupported extends Conflict {
  constructor(ruleType: string, portId: string) { super(`Rule ${ruleType} is not supported by port ${portId}`); }
}
export class QosRuleNotSupportedByNetwork extends Conflict {
  constructor(ruleType: string, networkId: string) { super(`Rule ${ruleType} is not supported by network ${networkId}`); }
}
export class QoSRuleParameterConflict extends Conflict {
  constructor(ruleValue: unknown, policyId: string, existingRule: string, existingValue: unknown) {
    super(`Unable to add the rule with value ${String(ruleValue)} to the policy ${policyId} as the existing rule of type ${existingRule} has value ${String(existingValue)}.`);
  }
}
export class QoSRulesConflict extends Conflict {
  constructor(newRuleType: string, ruleId: string, policyId: string) { super(`Rule ${newRuleType} conflicts with rule ${ruleId} which already exists in QoS Policy ${policyId}.`); }
}
export class PolicyRemoveAuthorizationError extends NotAuthorized {
  constructor(policyId: string) { super(`Failed to remove provided policy ${policyId} because you are not authorized.`); }
}
