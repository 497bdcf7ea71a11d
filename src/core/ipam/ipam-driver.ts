import type { Cidr } from '../../ipam/cidr.ts';
import type { Range } from '../../ipam/interval-set.ts';
import type { Tx } from '../../store/store.ts';
import type { SubnetView } from './subnet-view.ts';

/**
 * How `allocateSpecific` granted an address:
 * - `free`: it was free in an allocation pool and is now taken;
 * - `reserved`: it lies in a reservation of the claimant's project, which
 *   lends it to the port (it goes back to the reservation on release);
 * - `held`: inside the pools and held by a port when last looked at. The
 *   caller's allocation record must then be refused by its primary key
 *   (IpAddressAlreadyAllocated); if it is not, the holder let the address go
 *   after the look — back to the free ranges or a reservation — and the
 *   caller must decide again ({@link AddressInFlux}, retried);
 * - `unmanaged`: outside the pools (Neutron lets privileged callers take
 *   those); the allocation record's primary key refuses one already held.
 */
export type SpecificClaim = 'free' | 'reserved' | 'held' | 'unmanaged';

/**
 * An address moved between concurrent transactions while this one was
 * deciding who may have it. SQLSTATE 40001 (serialization failure): the
 * store retries the whole transaction, which then sees where it went.
 */
export class AddressInFlux extends Error {
  readonly code = '40001';
  constructor(address: string) { super(`address ${address} kept moving between concurrent transactions`); }
}

/** Address counts of one subnet's allocation pools. Counts are exact (bigint: an IPv6 /64 has 2^64). */
export interface AddressUsage {
  /** Addresses in the allocation pools. */
  readonly total: bigint;
  /** Addresses held by ports, in or out of the pools. */
  readonly used: bigint;
  /** Addresses held by reservations and not lent to a port. */
  readonly reserved: bigint;
  /** Pool addresses neither used nor reserved. */
  readonly free: bigint;
  /** Size of the longest run of consecutive free addresses. */
  readonly largestFreeBlock: bigint;
}

/**
 * The IPAM driver: the bookkeeping of which addresses of a subnet are free,
 * reserved and taken — what the core asks of it, nothing about ports, HTTP
 * or policy. The core keeps the records (ip_allocations, ip_reservations)
 * and Neutron's address rules (core/ipam/ip-allocator.ts); the driver
 * decides which address and keeps free space exact.
 *
 * Contract (DESIGN.md §3, "drivers validate inside, act outside"): every
 * method runs inside the request's transaction and must do no I/O besides
 * that transaction's database — it may throw a NeutronError, which rolls the
 * whole request back; it must never block on a remote system. An external
 * IPAM (NetBox, Infoblox) therefore plugs in beside the built-in driver, not
 * in its place: as an `IpamMirror` that is told of every change after commit
 * (idempotent, retried), or by delegating space to muon — the external
 * system assigns prefixes or ranges (subnet pools, allocation pools,
 * reservations) and muon allocates inside them. See core/ipam/README.md.
 *
 * @example
 * const value = await driver.allocateAny(tx, subnet); // undefined: the pools are exhausted
 * if (value !== undefined) await allocations.insert(tx, { ...row, ip_hex: valueToHex(value) });
 */
export interface IpamDriver {
  /** Name in logs and reports (`builtin`). */
  readonly name: string;

  /** A subnet was created: its pools become free space. */
  addSubnet(tx: Tx, subnet: SubnetView): Promise<void>;
  /**
   * The subnet's allocation pools become `pools`: free space = pools minus
   * held and reserved addresses. Throws when a reservation would fall outside
   * the new pools.
   */
  changePools(tx: Tx, subnet: SubnetView, pools: readonly Range[]): Promise<void>;
  /** The subnet is going away (its records with it): forget its space; a prefix carved from a subnet pool goes back to it. */
  removeSubnet(tx: Tx, subnet: SubnetView): Promise<void>;

  /** Takes some free, unreserved pool address; undefined when none is left. */
  allocateAny(tx: Tx, subnet: SubnetView): Promise<bigint | undefined>;
  /**
   * Takes `value` for a port of `projectId`. Throws IpAddressReserved when a
   * reservation of another project holds it.
   */
  allocateSpecific(tx: Tx, subnet: SubnetView, value: bigint, projectId: () => Promise<string>): Promise<SpecificClaim>;
  /** A port gave `value` back: to its reservation if one covers it, else to the free pool (pool addresses only). */
  release(tx: Tx, subnet: SubnetView, value: bigint): Promise<void>;

  /**
   * Holds every address of `range` (inside the pools) for a reservation;
   * throws IpAddressReservationConflict, changing nothing, when one is not free.
   */
  reserve(tx: Tx, subnet: SubnetView, range: Range): Promise<void>;
  /** A reservation of `range` ended: its addresses not lent to ports become free. */
  unreserve(tx: Tx, subnet: SubnetView, range: Range): Promise<void>;

  /*
   * Subnet pools: prefixes carved for subnets and IP blocks. The caller holds
   * the pool's row lock for the transaction, so carving from one pool is
   * serialized; the cost of finding room must not grow with what the pool
   * has given out.
   */

  /** Prefix space of a subnet pool became available (pool created, prefixes added). */
  addPoolSpace(tx: Tx, poolId: string, ranges: readonly Range[]): Promise<void>;
  /** The subnet pool is going away. */
  removePool(tx: Tx, poolId: string): Promise<void>;
  /** Carves the lowest free prefix of that length; undefined when none fits. */
  allocatePrefix(tx: Tx, poolId: string, version: 4 | 6, prefixLength: number): Promise<Cidr | undefined>;
  /** Carves exactly `cidr`; false, changing nothing, when any of it is not free (or not in the pool). */
  takePrefix(tx: Tx, poolId: string, cidr: Cidr): Promise<boolean>;
  /** Gives a carved prefix back to its pool. */
  releasePrefix(tx: Tx, poolId: string, cidr: Cidr): Promise<void>;
  /** The free prefix space of many pools, as merged ascending runs (reports). */
  poolFreeSpace(tx: Tx, poolIds: readonly string[]): Promise<Map<string, Range[]>>;

  /** Address counts of many subnets at once (reports: cost grows with free runs, never with addresses). */
  usage(tx: Tx, subnets: ReadonlyArray<Pick<SubnetView, 'id' | 'pools'>>): Promise<Map<string, AddressUsage>>;
}

/** One change of who holds what, as an `IpamMirror` is told of it after commit. */
export interface IpamEvent {
  readonly kind: 'allocated' | 'released' | 'reserved' | 'unreserved';
  readonly subnetId: string;
  /** First and last address (equal for one address). */
  readonly first: string;
  readonly last: string;
  readonly projectId: string;
  readonly portId?: string;
  readonly deviceId?: string;
  readonly macAddress?: string;
  /** ISO 8601 time of the change. */
  readonly at: string;
}

/**
 * An external IPAM kept in step with muon (not implemented yet; the shape a
 * NetBox or Infoblox integration implements). Called after commit, outside
 * any transaction, with the changes in commit order; must be idempotent
 * (the same event may come twice after a restart) and may fail — a failure is
 * retried later and never undoes the change in muon, the source of truth.
 */
export interface IpamMirror {
  readonly name: string;
  apply(events: readonly IpamEvent[]): Promise<void>;
}
