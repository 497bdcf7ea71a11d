import type { Migration } from 'kysely';
import * as expand0001 from './expand/0001-initial.ts';
import * as expand0002 from './expand/0002-identity.ts';
import * as expand0003 from './expand/0003-change-log-triggers.ts';
import * as expand0004 from './expand/0004-free-range-predecessor.ts';
import * as expand0005 from './expand/0005-ip-address-history.ts';
import * as expand0006 from './expand/0006-security-groups.ts';
import * as expand0007 from './expand/0007-ipam-reservations.ts';
import * as expand0008 from './expand/0008-ip-blocks.ts';
import * as expand0009 from './expand/0009-routers.ts';
import * as expand0010 from './expand/0010-rbac-policies.ts';
import * as expand0011 from './expand/0011-segments-trunks.ts';
import * as expand0012 from './expand/0012-qos-agents.ts';
import * as expand0013 from './expand/0013-change-notify.ts';
import * as expand0018 from './expand/0018-subnetpool-ip-block.ts';
import * as expand0019 from './expand/0019-auto-allocated-topology.ts';
import * as expand0020 from './expand/0020-qos-fip-gateway.ts';
import * as expand0021 from './expand/0021-flavors.ts';
import * as expand0024 from './expand/0024-port-bindings.ts';

/**
 * Migrations come in two phases so that upgrades are rolling:
 * - expand: additive only; run automatically at server start, safe while
 *   servers of the previous release share the database;
 * - contract: removals and tightenings; run only by `muon migrate --contract`
 *   once every server runs the new release.
 * Each phase has its own ledger table, so the phases advance independently.
 */
export const EXPAND_MIGRATIONS: Record<string, Migration> = {
  '0001-initial': expand0001,
  '0002-identity': expand0002,
  '0003-change-log-triggers': expand0003,
  '0004-free-range-predecessor': expand0004,
  '0005-ip-address-history': expand0005,
  '0006-security-groups': expand0006,
  '0007-ipam-reservations': expand0007,
  '0008-ip-blocks': expand0008,
  '0009-routers': expand0009,
  '0010-rbac-policies': expand0010,
  '0011-segments-trunks': expand0011,
  '0012-qos-agents': expand0012,
  '0013-change-notify': expand0013,
  '0018-subnetpool-ip-block': expand0018,
  '0019-auto-allocated-topology': expand0019,
  '0020-qos-fip-gateway': expand0020,
  '0021-flavors': expand0021,
  '0024-port-bindings': expand0024,
};

/** Nothing to contract yet: the first release has nothing old to remove. */
export const CONTRACT_MIGRATIONS: Record<string, Migration> = {};
