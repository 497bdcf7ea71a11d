import type { Policy } from '../../policy/policy.ts';
import type { IpHistoryQuery, IpHistoryRepo, IpHoldingRow } from '../../store/repos/ip-history-repo.ts';
import type { PrefixHistoryQuery, PrefixHistoryRepo, PrefixHoldingRow } from '../../store/repos/prefix-history-repo.ts';
import type { Store } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { PolicyNotAuthorized } from '../errors.ts';

/** One holding as the API shows it. */
export type IpHolding = Omit<IpHoldingRow, 'id'> & { tenant_id: string };
/** One prefix holding as the API shows it. */
export type PrefixHolding = Omit<PrefixHoldingRow, 'id'> & { tenant_id: string };

/**
 * "Who had 203.0.113.7 on 3 March at 14:00?": the holdings of addresses by
 * ports, recorded by the database on every allocation and release. Reading
 * it is the policy's get_ip_address_history (administrators by default).
 */
export class IpHistoryService {
  constructor(
    private readonly store: Store, private readonly repo: IpHistoryRepo, private readonly policy: Policy,
    private readonly prefixRepo?: PrefixHistoryRepo,
  ) {}

  async list(ctx: RequestContext, query: IpHistoryQuery): Promise<IpHolding[]> {
    if (!this.policy.authorize(ctx, 'get_ip_address_history', {})) throw new PolicyNotAuthorized('rule:get_ip_address_history');
    const rows = await this.store.read((tx) => this.repo.list(tx, query));
    return rows.map(({ id: _id, ...row }) => ({ ...row, tenant_id: row.project_id }));
  }

  /** Which project held which subnet-pool prefix when (get_subnetpool_prefix_history, administrators by default). */
  async prefixes(ctx: RequestContext, query: PrefixHistoryQuery): Promise<PrefixHolding[]> {
    if (!this.policy.authorize(ctx, 'get_subnetpool_prefix_history', {})) throw new PolicyNotAuthorized('rule:get_subnetpool_prefix_history');
    const rows = await this.store.read((tx) => this.prefixRepo!.list(tx, query));
    return rows.map(({ id: _id, ...row }) => ({ ...row, tenant_id: row.project_id }));
  }
}
