/** One implied-role rule: holding `prior_role_id` grants `implied_role_id` too. */
export interface ImpliedRule { readonly prior_role_id: string; readonly implied_role_id: string }

/**
 * The closure of `roleIds` under implied-role rules (admin ⇒ member ⇒ reader
 * gives {admin, member, reader} from {admin}). Pure; terminates on cycles.
 *
 * @example expandImplied(['a'], [{ prior_role_id: 'a', implied_role_id: 'b' }]) // Set {'a', 'b'}
 */
export function expandImplied(roleIds: Iterable<string>, rules: readonly ImpliedRule[]): Set<string> {
  const implies = new Map<string, string[]>();
  for (const rule of rules) {
    const list = implies.get(rule.prior_role_id);
    if (list) list.push(rule.implied_role_id);
    else implies.set(rule.prior_role_id, [rule.implied_role_id]);
  }
  const result = new Set<string>();
  const stack = [...roleIds];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (result.has(id)) continue;
    result.add(id);
    for (const next of implies.get(id) ?? []) stack.push(next);
  }
  return result;
}

/** For each role reached only through a rule, one prior role that implied it (for Keystone's `prior_role` links). */
export function impliedBy(roleIds: Iterable<string>, rules: readonly ImpliedRule[]): Map<string, string> {
  const direct = new Set(roleIds);
  const via = new Map<string, string>();
  const queue = [...direct];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const rule of rules) {
      if (rule.prior_role_id !== id) continue;
      const next = rule.implied_role_id;
      if (direct.has(next) || via.has(next)) continue;
      via.set(next, id);
      queue.push(next);
    }
  }
  return via;
}

/** True when adding prior ⇒ implied would close a cycle (or is a self-rule). */
export function wouldCycle(priorId: string, impliedId: string, rules: readonly ImpliedRule[]): boolean {
  return expandImplied([impliedId], rules).has(priorId);
}
