import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_SERVICE } from './base.ts';

/**
 * muon's change feed (GET /v2.0/muon/changes): every change of every
 * project, for drivers and agents — the cloud administrator and services.
 */
export const changesPolicy: ResourcePolicy = {
  resource: 'changes',
  rules: {
    get_changes: ADMIN_OR_SERVICE,
  },
};
