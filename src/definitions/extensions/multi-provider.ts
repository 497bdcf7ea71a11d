import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** `segments` on networks: several provider segments at once (multi-segment networks). */
export const multiProvider = defineExtension({
  alias: 'multi-provider', name: 'Multi Provider Network', updated: '2013-06-27T10:00:00-00:00',
  description: 'Networks made of several provider segments.',
  attributes: {
    networks: { segments: { allowPost: true, allowPut: true, validate: v.networkSegments, storage: 'none' } },
  },
});
