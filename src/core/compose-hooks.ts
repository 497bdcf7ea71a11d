import type { ResourceHooks } from './resource/resource-hooks.ts';

/**
 * One resource's hooks from several modules (ports: addressing, then
 * security groups), run in the given order for every event; `filter` asks
 * each in turn and takes the first condition. Lets a feature add behaviour to
 * another module's resource without editing that module.
 *
 * @example composeHooks(portHooks(…), portSecurityGroupHooks(…))
 */
export function composeHooks(...parts: readonly ResourceHooks[]): ResourceHooks {
  const having = <K extends keyof ResourceHooks>(name: K) => parts.filter((p) => p[name] !== undefined);
  const sequence = <K extends 'readAhead' | 'beforeCreate' | 'afterCreate' | 'beforeUpdate' | 'afterUpdate' | 'beforeDelete' | 'afterDelete' | 'extend'>(name: K) => {
    const each = having(name);
    if (each.length === 0) return undefined;
    return (async (...args: unknown[]) => {
      for (const part of each) await (part[name] as (...a: unknown[]) => Promise<void>)(...args);
    }) as ResourceHooks[K];
  };
  const composed: ResourceHooks = {
    readAhead: sequence('readAhead'),
    beforeCreate: sequence('beforeCreate'),
    afterCreate: sequence('afterCreate'),
    beforeUpdate: sequence('beforeUpdate'),
    afterUpdate: sequence('afterUpdate'),
    beforeDelete: sequence('beforeDelete'),
    afterDelete: sequence('afterDelete'),
    extend: sequence('extend'),
  };
  const created = having('extendCreated');
  // extendCreated spares the queries of extend only when every part can do without them.
  if (created.length > 0 && created.length === having('extend').length) {
    composed.extendCreated = (records, values) => { for (const part of created) part.extendCreated!(records, values); };
  }
  const filters = having('filter');
  if (filters.length > 0) composed.filter = (name, values) => filters.map((p) => p.filter!(name, values)).find((c) => c !== undefined);
  return Object.fromEntries(Object.entries(composed).filter(([, hook]) => hook !== undefined)) as ResourceHooks;
}
