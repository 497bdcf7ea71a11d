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
