import { defineExtension } from '../types.ts';

// Extensions that change how lists behave rather than adding attributes.

export const pagination = defineExtension({
  alias: 'pagination', name: 'Pagination support', updated: '2016-06-12T00:00:00-00:00',
  description: 'limit, marker and page_reverse on every collection, with <collection>_links.',
});

export const sorting = defineExtension({
  alias: 'sorting', name: 'Sorting support', updated: '2016-06-12T00:00:00-00:00',
  description: 'sort_key and sort_dir on every collection.',
});

export const filterValidation = defineExtension({
  alias: 'filter-validation', name: 'Filter parameters validation', updated: '2018-03-21T10:00:00-00:00',
  description: 'Unknown or non-filterable query parameters are rejected with 400.',
});

export const emptyStringFiltering = defineExtension({
  alias: 'empty-string-filtering', name: 'Empty String Filtering Extension', updated: '2018-05-01T10:00:00-00:00',
  description: 'An empty filter value matches resources whose attribute is the empty string.',
});

export const ipSubstringFiltering = defineExtension({
  alias: 'ip-substring-filtering', name: 'IP address substring filtering', updated: '2017-11-28T09:00:00-00:00',
  description: 'fixed_ips=ip_address_substr=<text> filters ports by part of an address.',
});
