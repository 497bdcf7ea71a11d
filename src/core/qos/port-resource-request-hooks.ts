import type { MinimumRuleRow, QosRepo } from '../../store/repos/qos-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import type { NetworkLookup } from '../resource/resource-service.ts';
import { resourceRequestOf, type FirstSegment, type ResourceRequest } from './resource-request.ts';

/** A port as record or create values: `id`, `network_id`, `qos_policy_id` and `binding:vnic_type` are read (wire names). */
type PortFacts = ResourceRecord;

/**
 * Ports' read-only `resource_request` (port-resource-request): from the QoS
 * policy that applies to the port (its own, else its network's), by
 * resource-request.ts. Who may see it is the policy's business
 * (get_port:resource_request, admins). Cost: nothing when no listed port has
 * a policy; else one statement per transaction for the policies' minimum
 * rules and the networks' first segments, remembered for the transaction (a
 * bulk create of ports under one policy reads them once). The network rows
 * are those the listing's policy check read.
 */
export function portResourceRequestHooks(repo: QosRepo, networks: NetworkLookup): ResourceHooks {
  const created = new WeakMap<ResourceRecord, ResourceRequest | null>();
  return {
    async afterCreate(tx, _ctx, values) {
      const [request] = await resourceRequestsOf(tx, repo, networks, [values]);
      created.set(values, request ?? null);
    },

    extendCreated(records, values) {
      records.forEach((record, i) => { record.resource_request = created.get(values[i]!) ?? null; });
    },

    async extend(tx, _ctx, records) {
      const requests = await resourceRequestsOf(tx, repo, networks, records);
      records.forEach((record, i) => { record.resource_request = requests[i] ?? null; });
    },
  };
}

/** The resource request of each port, in order (null where nothing applies). */
async function resourceRequestsOf(tx: Tx, repo: QosRepo, networks: NetworkLookup, ports: readonly PortFacts[]): Promise<(ResourceRequest | null)[]> {
  const withoutOwn = ports.filter((p) => (p.qos_policy_id ?? null) === null).map((p) => String(p.network_id));
  const networkRecords = withoutOwn.length === 0 ? new Map<string, ResourceRecord>() : await networks.many(tx, withoutOwn);
  const policyOf = (port: PortFacts): string | null =>
    (port.qos_policy_id as string | null | undefined) ?? (networkRecords.get(String(port.network_id))?.qos_policy_id as string | null | undefined) ?? null;
  const applying = ports.filter((p) => policyOf(p) !== null);
  if (applying.length === 0) return ports.map(() => null);
  const inputs = await placementInputs(tx, repo, applying.map((p) => policyOf(p)!), applying.map((p) => String(p.network_id)));
  return ports.map((port) => {
    const policyId = policyOf(port);
    if (policyId === null) return null;
    const vnicType = (port['binding:vnic_type'] as string | undefined) ?? 'normal';
    return resourceRequestOf({ id: String(port.id), vnicType }, inputs.rules(policyId), inputs.firstSegment(String(port.network_id)));
  });
}

const RULES_KEY = (policyId: string) => `qos-minimum-rules/${policyId}`;
const SEGMENT_KEY = (networkId: string) => `first-segment/${networkId}`;

/** The minimum rules and first segments asked for, read in one statement for those the transaction has not read yet. */
async function placementInputs(tx: Tx, repo: QosRepo, policyIds: readonly string[], networkIds: readonly string[]): Promise<{
  rules(policyId: string): readonly MinimumRuleRow[];
  firstSegment(networkId: string): FirstSegment;
}> {
  const missingPolicies = [...new Set(policyIds)].filter((id) => !tx.memo.has(RULES_KEY(id)));
  const missingNetworks = [...new Set(networkIds)].filter((id) => !tx.memo.has(SEGMENT_KEY(id)));
  if (missingPolicies.length > 0 || missingNetworks.length > 0) {
    const read = await repo.placementInputs(tx, missingPolicies, missingNetworks);
    for (const id of missingPolicies) tx.memo.set(RULES_KEY(id), read.rules.get(id) ?? []);
    for (const id of missingNetworks) {
      const physicalNetwork = read.firstPhysicalNetworks.get(id);
      tx.memo.set(SEGMENT_KEY(id), physicalNetwork === undefined ? undefined : { physicalNetwork });
    }
  }
  return {
    rules: (policyId) => (tx.memo.get(RULES_KEY(policyId)) as MinimumRuleRow[] | undefined) ?? [],
    firstSegment: (networkId) => tx.memo.get(SEGMENT_KEY(networkId)) as FirstSegment,
  };
}
