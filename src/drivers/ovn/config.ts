import { parseRemote } from '../../ovsdb/rpc-connection.ts';

/** The OVN driver's settings (from MUON_OVN_NB_CONNECTION; the driver is off without it). */
export interface OvnDriverConfig {
  /** The northbound database: `unix:/run/ovn/ovnnb_db.sock` or `tcp:127.0.0.1:6641`. */
  readonly nbConnection: string;
  /** Echo probe interval towards the northbound server (ms; default 5000). */
  readonly probeIntervalMs?: number;
  /**
   * Chassis that may host router gateways (MUON_OVN_GATEWAY_CHASSIS; ML2/OVN
   * reads the southbound Chassis rows with `enable-chassis-as-gw` instead).
   * None: gateway ports get no Gateway_Chassis rows.
   */
  readonly gatewayChassis?: readonly string[];
  /**
   * The southbound database (MUON_OVN_SB_CONNECTION), read only: when set,
   * gateway candidates are its chassis with `enable-chassis-as-gw` in
   * `ovn-cms-options`, as ML2/OVN finds them, instead of `gatewayChassis`.
   */
  readonly sbConnection?: string;
}

/** Checks the connection string up front, so a typo fails at start-up, not at the first reconnect. */
export function ovnDriverConfig(nbConnection: string, options: Omit<OvnDriverConfig, 'nbConnection'> = {}): OvnDriverConfig {
  parseRemote(nbConnection);
  if (options.sbConnection !== undefined) parseRemote(options.sbConnection);
  return { nbConnection, ...options };
}
