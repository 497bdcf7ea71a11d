import type { Policy } from '../../policy/policy.ts';
import type { RequestContext } from '../context.ts';
import { loggableTypes } from './log-driver-support.ts';

/** The resource types logs may name, each as `{type}`: those the caller's `get_loggable_resource` rule allows (Neutron filters the list item by item). */
export class LoggableResources {
  constructor(private readonly policy: Policy) {}

  list(ctx: RequestContext): Array<{ type: string }> {
    return loggableTypes().map((type) => ({ type })).filter((item) => this.policy.authorize(ctx, 'get_loggable_resource', item));
  }
}
