import type { DesiredState } from '../driver.ts';
import { ovnDriverConfig, type OvnDriverConfig } from './config.ts';
import { OvnDriver, type OvnDriverEvent } from './ovn-driver.ts';

export { OvnDriver, type OvnDriverEvent } from './ovn-driver.ts';

/** The OVN driver for `nbConnection` (not started). */
export function createOvnDriver(nbConnection: string, state: DesiredState, onEvent?: (event: OvnDriverEvent) => void, options: Omit<OvnDriverConfig, 'nbConnection'> = {}): OvnDriver {
  return new OvnDriver(ovnDriverConfig(nbConnection, options), state, onEvent);
}
