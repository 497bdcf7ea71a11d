/** Milliseconds since the epoch; injected so that tests can move time. */
export type Clock = () => number;

/** The real clock. */
export const systemClock: Clock = () => Date.now();

/**
 * Keystone's timestamp format: UTC with microseconds
 * (`2026-01-02T03:04:05.000000Z`). Tempest parses exactly this shape.
 */
export function keystoneTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
