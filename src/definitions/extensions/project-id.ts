import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** `project_id` beside `tenant_id` on every resource; both name the same column. */
export const projectId = defineExtension({
  alias: 'project-id', name: 'project_id field enabled', updated: '2016-09-09T09:09:09-09:09',
  description: 'Resources accept and return project_id alongside tenant_id.',
  attributes: {
    '*': { project_id: { allowPost: true, allowPut: false, filter: true, sort: true, column: 'project_id', validate: v.stringValidator(255) } },
  },
});
