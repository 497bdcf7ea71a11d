import { defineExtension } from '../types.ts';

/** /quotas: per-project limits (show, update, delete = reset, defaults). Routes are hand-written (not CRUD). */
export const quotas = defineExtension({
  alias: 'quotas', name: 'Quota management support', updated: '2012-07-29T10:00:00-00:00',
  description: 'Per-project resource limits.',
});

/** /quotas/{project}/details: limit, used and reserved per resource. */
export const quotaDetails = defineExtension({
  alias: 'quota_details', name: 'Quota details management support', updated: '2017-02-10T10:00:00-00:00',
  description: 'Quota usage per project.',
  requires: ['quotas'],
});

/** PUT /quotas/{project} with `check_limit: true` refuses a limit below current usage (400 InvalidQuotaValue). */
export const quotaCheckLimit = defineExtension({
  alias: 'quota-check-limit', name: 'Quota engine limit check', updated: '2021-09-08T16:00:00-00:00',
  description: 'Support for checking the resource usage before applying a new quota limit',
  requires: ['quotas'],
});
