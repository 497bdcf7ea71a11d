import type { FloatingIpRepo } from '../../store/repos/floating-ip-repo.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import type { RouterRepo } from '../../store/repos/router-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { QuotaService } from '../quota/quota-service.ts';
import type { CoreRepos } from '../repos.ts';
import type { ResourceService } from '../resource/resource-service.ts';
import type { ServicePorts } from './service-ports.ts';

/** What the router and floating IP rules work with (wired by l3-services.ts). */
export interface L3Deps {
  readonly repos: CoreRepos;
  readonly routers: RouterRepo;
  readonly fips: FloatingIpRepo;
  readonly ports: ServicePorts;
  /** Networks and subnets as callers see them (readWithin: 404 when they may not). */
  readonly networks: ResourceService;
  readonly subnets: ResourceService;
  readonly quotas: QuotaService;
}

/** Subnet rows of a network, in creation order. */
export async function subnetRowsOf(deps: L3Deps, tx: Tx, networkId: string): Promise<Row[]> {
  return deps.repos.subnets.list(tx, { conditions: [{ kind: 'in', column: 'network_id', values: [networkId] }], sort: [{ column: 'created_seq', direction: 'asc' }] });
}

/** Subnet rows by id (those that exist). */
export async function subnetRowsById(deps: L3Deps, tx: Tx, ids: readonly string[]): Promise<Map<string, Row>> {
  return new Map((await deps.repos.subnets.getMany(tx, [...new Set(ids)])).map((r) => [String(r.id), r]));
}
