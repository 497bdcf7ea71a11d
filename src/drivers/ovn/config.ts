import { parseRemote } from '../../ovsdb/rpc-connection.ts';

/** The OVN driver's settings (from MUON_OVN_NB_CONNECTION; the driver is off without it). */
export interface OvnDriverConfig {
  /** The northbound database: `unix:/run/ovn/ovnnb_db.sock` or `tcp:127.0.0.1:6641`. */
  readonly nbConnection: string;
  /** Echo probe interval towards the northbound server (ms; default 5000). */
  readonly probeIntervalMs?: number;
}

/** Checks the connection string up front, so a typo fails at start-up, not at the first reconnect. */
export function ovnDriverConfig(nbConnection: string): OvnDriverConfig {
  parseRemote(nbConnection);
  return { nbConnection };
}
