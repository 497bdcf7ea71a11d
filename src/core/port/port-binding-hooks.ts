import type { PortBindingRepo } from '../../store/repos/port-binding-repo.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';

/**
 * Port hooks of binding-extended: a port update that moves the port's
 * (active) binding onto a host where it has an inactive binding replaces
 * that one, so a port never has two bindings on one host.
 */
export function portBindingHooks(repo: PortBindingRepo): ResourceHooks {
  return {
    async beforeUpdate(tx, _ctx, current, changes) {
      const host = changes['binding:host_id'];
      if (typeof host === 'string' && host !== '' && host !== current.binding_host_id) await repo.take(tx, String(current.id), host);
    },
  };
}
