import type { ChangeRepo } from '../store/repos/change-repo.ts';
import type { IpReservationRepo } from '../store/repos/ip-reservation-repo.ts';
import type { FreeRangeRepo } from '../store/repos/free-range-repo.ts';
import type { IpAllocationRepo } from '../store/repos/ip-allocation-repo.ts';
import type { QuotaRepo } from '../store/repos/quota-repo.ts';
import type { ResourceRepo } from '../store/repos/resource-repo.ts';
import type { SegmentRepo } from '../store/repos/segment-repo.ts';
import type { TagRepo } from '../store/repos/tag-repo.ts';
import type { IpamDriver } from './ipam/ipam-driver.ts';

/** Every repository core works through; built once by `createServices`. */
export interface CoreRepos {
  readonly networks: ResourceRepo;
  readonly subnets: ResourceRepo;
  readonly ports: ResourceRepo;
  readonly subnetpools: ResourceRepo;
  readonly addressScopes: ResourceRepo;
  readonly segments: SegmentRepo;
  readonly allocations: IpAllocationRepo;
  readonly free: FreeRangeRepo;
  readonly tags: TagRepo;
  readonly changes: ChangeRepo;
  readonly quotas: QuotaRepo;
  readonly reservations: IpReservationRepo;
  /** The IPAM driver: which addresses are free, reserved, taken (core/ipam/README.md). */
  readonly ipam: IpamDriver;
}
