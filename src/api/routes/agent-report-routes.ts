import type { FastifyInstance } from 'fastify';
import type { AgentReports, PortStatusReport } from '../../core/agent/agent-reports.ts';
import type { AgentReport } from '../../core/agent/agent-registry.ts';
import { HTTPBadRequest } from '../../core/errors.ts';
import { contextOf } from './resource-routes.ts';

type Body = Record<string, unknown>;

/** The fields of each body, as data: name → [required, check]. */
const AGENT_FIELDS: Record<string, [boolean, (v: unknown) => boolean]> = {
  agent_type: [true, shortText], binary: [true, shortText], host: [true, shortText], topic: [false, shortText],
  availability_zone: [false, (v) => v === null || shortText(v)], configurations: [false, isObject], start_flag: [false, (v) => typeof v === 'boolean'],
};
const PORT_STATUS_FIELDS: Record<string, [boolean, (v: unknown) => boolean]> = {
  host: [true, shortText], status: [true, (v) => v === 'ACTIVE' || v === 'DOWN'], reason: [false, (v) => typeof v === 'string' && v.length > 0 && v.length <= 1024],
};

/**
 * What host agents send (`muon agent`), not public Neutron resources;
 * services and administrators only (policy rules create_agent_report, report_port_status):
 * - POST /v2.0/muon/agents `{"agent": {agent_type, binary, host, topic?, availability_zone?, configurations?, start_flag?}}`
 *   → `{"agent": {"id"}}`, a heartbeat (creates the agent on first report);
 * - PUT /v2.0/muon/ports/{id}/status `{"port_status": {host, status: ACTIVE|DOWN, reason?}}` → the port.
 */
export function registerAgentReportRoutes(app: FastifyInstance, reports: AgentReports): void {
  app.post('/v2.0/muon/agents', async (request, reply) => {
    const body = bodyOf(request.body, 'agent', AGENT_FIELDS);
    const id = await reports.heartbeat(contextOf(request), { topic: 'N/A', ...body } as unknown as AgentReport);
    return reply.code(200).send({ agent: { id } });
  });
  app.put('/v2.0/muon/ports/:id/status', async (request) => {
    const body = bodyOf(request.body, 'port_status', PORT_STATUS_FIELDS) as unknown as PortStatusReport;
    const port = await reports.portStatus(contextOf(request), (request.params as { id: string }).id, body);
    return { port: { id: port.id, status: port.status, 'binding:host_id': port['binding:host_id'], 'binding:vif_type': port['binding:vif_type'], 'binding:vif_details': port['binding:vif_details'] } };
  });
}

/** The object under `key`, checked against `fields` (unknown, missing or malformed → 400). */
function bodyOf(raw: unknown, key: string, fields: Record<string, [boolean, (v: unknown) => boolean]>): Body {
  if (!isObject(raw) || !isObject(raw[key])) throw new HTTPBadRequest(`Resource body required: {"${key}": {…}}`);
  const body = raw[key] as Body;
  const unknown = Object.keys(body).filter((k) => !(k in fields));
  if (unknown.length > 0) throw new HTTPBadRequest(`Unrecognized attribute(s) '${unknown.join(', ').slice(0, 200)}'`);
  for (const [name, [required, valid]] of Object.entries(fields)) {
    if (body[name] === undefined) { if (required) throw new HTTPBadRequest(`Failed to parse request. Required attribute '${name}' not specified`); continue; }
    if (!valid(body[name])) throw new HTTPBadRequest(`Invalid input for ${name}.`);
  }
  return body;
}

function shortText(v: unknown): boolean {
  return typeof v === 'string' && v.length > 0 && v.length <= 255;
}

function isObject(v: unknown): v is Body {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
