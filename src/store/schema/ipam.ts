/** IPAM: allocations, free intervals, address and prefix history, reservations, blocks. */
import type { Generated } from 'kysely';
import type { StandardColumns } from './columns.ts';

/** One row per address held by a port: the primary key is the no-duplicate guarantee. */
export interface IpAllocationTable {
  subnet_id: string;
  ip_hex: string;
  ip_address: string;
  port_id: string;
  network_id: string;
  ordinal: number;
}

/**
 * Free intervals of an allocation pool (IPAM for subnets, segmentation ids
 * for network types): `pool` names the pool, bounds are inclusive 32-char hex.
 */
export interface FreeRangeTable {
  pool: string;
  first_hex: string;
  last_hex: string;
}

/** One holding of an address by a port, written by triggers on ip_allocations (expand 0005). */
export interface IpAddressHistoryTable {
  id: Generated<number>;
  ip_address: string;
  subnet_id: string;
  network_id: string;
  project_id: string;
  port_id: string;
  device_id: string;
  device_owner: string;
  mac_address: string;
  /** ISO 8601 UTC with milliseconds. */
  held_from: string;
  /** Null while held. */
  held_until: string | null;
}

/** Addresses of a subnet held for a project without a port; bounds inclusive, 32-char hex. */
export interface IpReservationTable extends StandardColumns {
  name: string;
  subnet_id: string;
  ip_version: number;
  start_ip_address: string;
  end_ip_address: string;
  /** Set when the reservation was asked for as a prefix. */
  cidr: string | null;
  first_hex: string;
  last_hex: string;
  purpose: string;
  /** Neutron timestamp format; null = never expires. */
  expires_at: string | null;
}

/** One prefix carved from a subnet pool (a subnet made from it), written by triggers on subnets (expand 0007). */
export interface SubnetpoolPrefixHistoryTable {
  id: Generated<number>;
  prefix: string;
  subnetpool_id: string;
  subnet_id: string;
  network_id: string;
  project_id: string;
  held_from: string;
  held_until: string | null;
}

/** A prefix of a subnet pool given to a project (expand 0008); bounds inclusive, 32-char hex. */
export interface IpBlockTable extends StandardColumns {
  name: string;
  subnetpool_id: string;
  ip_version: number;
  cidr: string;
  prefixlen: number;
  first_hex: string;
  last_hex: string;
  /** The port the block is routed to, if any. */
  port_id: string | null;
  purpose: string;
}
