import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** tags may be given in a port create body (single or bulk). */
export const tagPortsDuringBulkCreation = defineExtension({
  alias: 'tag-ports-during-bulk-creation', name: 'Tag Ports During Bulk Creation', updated: '2019-12-19T12:00:00-00:00',
  description: 'Ports accept tags in their create body.',
  requires: ['standard-attr-tag'],
  attributes: { ports: { tags: { allowPost: true, allowPut: false, validate: v.listOfTags, storage: 'none' } } },
});
