import assert from 'node:assert/strict';
import { ADMIN, type Api } from './api-harness.ts';
import { nbctl } from './ovn-test-kit.ts';
import type { OvsdbServer } from './ovsdb-server.ts';

/** One OVN QoS row of a switch, its maps flattened to what the tests compare. */
export interface SwitchQosRow {
  readonly direction: string;
  readonly priority: number;
  readonly match: string;
  readonly rate: string;
  readonly burst: string;
  readonly dscp: string;
  /** `key=value,…` of its external_ids. */
  readonly owner: string;
}

/** The QoS rows a switch references (its `qos_rules`), read with ovn-nbctl; absent values are '-'. */
export function switchQosRows(server: OvsdbServer, networkId: string): SwitchQosRow[] {
  const inSwitch = new Set(nbctl(server, 'get', 'Logical_Switch', `neutron-${networkId}`, 'qos_rules').replace(/[[\]\s]/g, '').split(',').filter(Boolean));
  const json = JSON.parse(nbctl(server, '--format=json', '--columns=_uuid,direction,priority,match,bandwidth,action,external_ids', 'find', 'QoS'));
  const map = (datum: [string, Array<[string, unknown]>]) => Object.fromEntries(datum[1]);
  return json.data.flatMap(([uuid, direction, priority, match, bandwidth, action, ids]: any[]) => {
    if (!inSwitch.has(uuid[1])) return [];
    const bw = map(bandwidth);
    const owner = Object.entries(map(ids)).map(([k, v]) => `${k}=${String(v)}`).join(',');
    return [{ direction, priority, match, rate: String(bw.rate ?? '-'), burst: String(bw.burst ?? '-'), dscp: String(map(action).dscp ?? '-'), owner }];
  });
}

/** Asserts the status (200 by default) and returns the body. */
export const ok = (response: { status: number; body?: unknown }, status = 200) => {
  assert.equal(response.status, status, JSON.stringify(response.body));
  return response.body as any;
};

/** A shared QoS policy made by an admin. */
export async function sharedQosPolicy(api: Api, name: string): Promise<any> {
  return ok(await api.post('/v2.0/qos/policies', { policy: { name, shared: true } }, ADMIN), 201).policy;
}

/** A rule of `type` (bandwidth_limit, dscp_marking, …) in a policy, made by an admin. */
export async function qosRule(api: Api, policyId: string, type: string, body: Record<string, unknown>): Promise<any> {
  return ok(await api.post(`/v2.0/qos/policies/${policyId}/${type}_rules`, { [`${type}_rule`]: body }, ADMIN), 201)[`${type}_rule`];
}
