/**
 * Get-me-a-network (auto-allocated-topology), worded as Neutron's
 * services/auto_allocate/exceptions.py.
 */
import { Conflict } from './base.ts';

/** The deployment lacks what auto-allocation needs, or a step of the build failed. */
export class AutoAllocationFailure extends Conflict {
  constructor(reason: string) { super(`Deployment error: ${reason}.`); }
}
/** A second network asked to be the default external one. */
export class DefaultExternalNetworkExists extends Conflict {
  constructor(networkId: string) { super(`Default external network ${networkId} already exists`); }
}
