import type { FastifyRequest } from 'fastify';
import { HTTPBadRequest } from '../../core/errors.ts';

/** Neutron accepts a `.json` suffix on any path. */
export function stripJson(segment: string): string {
  return segment.endsWith('.json') ? segment.slice(0, -5) : segment;
}

/**
 * The expected revision from `If-Match: revision_number=N`. Other etag forms
 * are ignored (no check); several revision_number etags or a non-integer → 400.
 */
export function parseIfMatch(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const etags = (Array.isArray(header) ? header.join(',') : header).split(',').map((e) => e.trim());
  const revisions = etags.filter((e) => e.startsWith('revision_number='));
  if (revisions.length === 0) return undefined;
  if (revisions.length > 1) throw new HTTPBadRequest('Multiple revision_number etags are not supported.');
  const value = revisions[0]!.slice('revision_number='.length);
  // Any integer parses (Neutron's int()): a negative one simply never matches → 412.
  if (!/^\s*[+-]?\d{1,15}\s*$/.test(value)) throw new HTTPBadRequest(`Could not parse ${value} as a revision number.`);
  return Number(value);
}

/** scheme://host of the request, honouring X-Forwarded-Proto as Neutron does for links. */
export function requestBaseUrl(request: FastifyRequest): string {
  const forwarded = request.headers['x-forwarded-proto'];
  const scheme = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? request.protocol;
  return `${scheme}://${request.headers.host ?? 'localhost'}`;
}
