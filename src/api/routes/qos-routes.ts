import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HTTPBadRequest, HTTPNotFound, NotAuthorizedError, PolicyNotAuthorized } from '../../core/errors.ts';
import { listedRuleTypes, ruleTypeDetails } from '../../core/qos/qos-rule-types.ts';
import type { QosRuleService } from '../../core/qos/qos-rule-service.ts';
import type { Services } from '../../core/services.ts';
import { parseCreateBody, parseUpdateBody } from '../wire/body.ts';
import { paginationLinks } from '../wire/links.ts';
import { parseListQuery, valuesOf, type QueryParams } from '../wire/query.ts';
import { projector, renderRecord, visibleAttributes } from '../wire/render.ts';
import { parseIfMatch, requestBaseUrl, stripJson } from '../wire/request.ts';
import { contextOf } from './resource-routes.ts';

/**
 * What QoS needs beyond the generated routes of policies and of the rules
 * alias API: each rule type's rules under their policy
 * (`/v2.0/qos/policies/{policy_id}/<type>_rules`, also with hyphens as the
 * newer rule types are documented), and the rule types
 * (`/v2.0/qos/rule-types`, details for admins only).
 */
export function registerQosRoutes(app: FastifyInstance, services: Services, options: { paginationMaxLimit: number }): void {
  for (const rules of services.qosRules.values()) {
    for (const segment of new Set([`${rules.type}_rules`, `${rules.type.replace(/_/g, '-')}-rules`])) registerRuleRoutes(app, rules, segment, options);
  }

  app.get('/v2.0/qos/rule-types', async (request) => {
    const ctx = contextOf(request);
    checkRuleTypeRead(services, ctx);
    const params = request.query as QueryParams;
    const flag = (key: string) => valuesOf(params, key).some((v) => /^(true|1|yes|on)$/i.test(v));
    return { rule_types: listedRuleTypes({ allRules: flag('all_rules') }).map((type) => ({ type })) };
  });

  app.get('/v2.0/qos/rule-types/:type', async (request) => {
    const ctx = contextOf(request);
    checkRuleTypeRead(services, ctx);
    // Neutron's plugin answers rule type details to admins only.
    if (!services.policy.powersOf(ctx).admin) throw new NotAuthorizedError();
    const type = stripJson((request.params as { type: string }).type);
    if (!listedRuleTypes({ allRules: true }).includes(type)) throw new HTTPNotFound();
    return { rule_type: ruleTypeDetails(type) };
  });
}

function checkRuleTypeRead(services: Services, ctx: ReturnType<typeof contextOf>): void {
  if (!services.policy.authorize(ctx, 'get_rule_type', {})) throw new PolicyNotAuthorized('get_rule_type');
}

function registerRuleRoutes(app: FastifyInstance, rules: QosRuleService, segment: string, options: { paginationMaxLimit: number }): void {
  const { resource } = rules;
  const base = `/v2.0/qos/policies/:policy_id/${segment}`;
  const ids = (request: FastifyRequest) => {
    const params = request.params as { policy_id: string; id?: string };
    return { policyId: stripJson(params.policy_id), ruleId: params.id === undefined ? '' : stripJson(params.id) };
  };
  const render = (request: FastifyRequest, record: Record<string, unknown>) =>
    renderRecord(resource, record, rules.hiddenAttributes(contextOf(request), [record]), []);

  app.get(base, async (request) => {
    const ctx = contextOf(request);
    const parsed = parseListQuery(resource, request.query as QueryParams, {}, options.paginationMaxLimit);
    const records = await rules.list(ctx, ids(request).policyId, parsed.query);
    const attributes = visibleAttributes(resource, rules.hiddenAttributes(ctx, records), parsed.fields);
    const body: Record<string, unknown> = { [resource.collection]: records.map(projector(attributes)) };
    if (parsed.limit !== undefined) {
      const search = new URL(request.url, 'http://x').searchParams;
      const path = new URL(request.url, 'http://x').pathname;
      body[`${resource.collection}_links`] = paginationLinks(requestBaseUrl(request) + path, search, records.map((r) => String(r.id)), parsed.limit, parsed.query.pageReverse === true);
    }
    return body;
  });

  app.post(base, async (request, reply) => {
    const ctx = contextOf(request);
    const items = parseCreateBody(resource, request.body, ctx);
    const [created] = await rules.create(ctx, ids(request).policyId, items);
    reply.code(201);
    return { [resource.name]: render(request, created!) };
  });

  app.get(`${base}/:id`, async (request) => {
    const { policyId, ruleId } = ids(request);
    const params = request.query as QueryParams;
    const fields = params.fields === undefined ? [] : parseListQuery(resource, { fields: params.fields }, {}, 0).fields;
    const record = await rules.show(contextOf(request), policyId, ruleId);
    return { [resource.name]: renderRecord(resource, record, rules.hiddenAttributes(contextOf(request), [record]), fields) };
  });

  app.put(`${base}/:id`, async (request) => {
    const { policyId, ruleId } = ids(request);
    const record = await rules.update(contextOf(request), policyId, ruleId, parseUpdateBody(resource, request.body));
    return { [resource.name]: render(request, record) };
  });

  app.delete(`${base}/:id`, async (request, reply: FastifyReply) => {
    if (request.body !== undefined && request.body !== null && request.body !== '') throw new HTTPBadRequest('Request body is not supported in DELETE.');
    parseIfMatch(request);
    const { policyId, ruleId } = ids(request);
    await rules.delete(contextOf(request), policyId, ruleId);
    reply.code(204);
    return reply.send();
  });
}
