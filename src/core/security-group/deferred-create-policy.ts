import type { Policy, PolicyDecision } from '../../policy/policy.ts';

const ALLOWED: PolicyDecision = Object.freeze({ allowed: true, rule: '', failed: [], notFound: false });

/**
 * The policy as a resource service sees it when that resource's create rule
 * depends on a parent the generic engine does not load (a rule's security
 * group: `project_id:%(security_group:project_id)s`): every other decision
 * is the policy's own, but create is allowed here and decided by the
 * resource's beforeCreate hook, which loads the parent first and calls the
 * real policy's `checkCreate`. Pure.
 */
export function deferCreateCheck(policy: Policy): Policy {
  const view = Object.create(policy) as Policy;
  Object.defineProperty(view, 'checkCreate', { value: () => ALLOWED });
  return view;
}
