import type { ResourceHooks } from '../resource/resource-hooks.ts';

/** `alive`: a heartbeat within `downTimeSeconds` of now (Neutron's agent_down_time). */
export function agentHooks(downTimeSeconds: number, now: () => number = Date.now): ResourceHooks {
  return {
    async extend(_tx, _ctx, records) {
      const cutoff = now() - downTimeSeconds * 1000;
      for (const record of records) {
        const beat = Date.parse(String(record.heartbeat_timestamp ?? ''));
        record.alive = Number.isFinite(beat) && beat >= cutoff;
      }
    },
  };
}
