import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

// The four standard-attr-* aliases: attributes that every resource with
// standard attributes carries ('*standard' = each such resource).

export const standardAttrDescription = defineExtension({
  alias: 'standard-attr-description', name: 'standard-attr-description', updated: '2016-02-10T10:00:00-00:00',
  description: 'A description field on every resource with standard attributes.',
  attributes: { '*standard': { description: { allowPost: true, allowPut: true, default: '', filter: true, sort: true, validate: v.stringValidator(255) } } },
});

export const standardAttrTimestamp = defineExtension({
  alias: 'standard-attr-timestamp', name: 'Resource timestamps', updated: '2016-09-12T10:00:00-00:00',
  description: 'created_at and updated_at on every resource with standard attributes.',
  attributes: {
    '*standard': {
      created_at: { allowPost: false, allowPut: false, sort: true },
      updated_at: { allowPost: false, allowPut: false, sort: true },
    },
  },
});

export const standardAttrRevisions = defineExtension({
  alias: 'standard-attr-revisions', name: 'Resource revision numbers', updated: '2016-04-11T10:00:00-00:00',
  description: 'revision_number, bumped on every change of the resource.',
  attributes: {
    '*standard': { revision_number: { allowPost: false, allowPut: false, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt } },
  },
});

export const revisionIfMatch = defineExtension({
  alias: 'revision-if-match', name: 'If-Match constraints based on revision_number', updated: '2016-12-11T00:00:00-00:00',
  description: 'Updates and deletes honour If-Match: revision_number=N (412 on mismatch).',
  requires: ['standard-attr-revisions'],
});

export const standardAttrTag = defineExtension({
  alias: 'standard-attr-tag', name: 'Tag support for resources with standard attribute', updated: '2017-01-01T00:00:00-00:00',
  description: 'tags on every resource with standard attributes, the /tags sub-resource and the tags, tags-any, not-tags and not-tags-any filters.',
  attributes: { '*standard': { tags: { allowPost: false, allowPut: false, storage: 'none' } } },
});

export const tagCreation = defineExtension({
  alias: 'tag-creation', name: 'Tag creation extension', updated: '2019-06-04T00:00:00-00:00',
  description: 'POST /{resource}/{id}/tags adds several tags at once.',
  requires: ['standard-attr-tag'],
});
