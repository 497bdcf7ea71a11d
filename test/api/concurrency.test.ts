import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { ADMIN, type As } from '../helpers/api-harness.ts';
import { DATABASES, type TestDatabase } from '../helpers/databases.ts';
import { httpJson } from '../helpers/http-json.ts';
import { ServerProcess } from '../helpers/server-process.ts';

/*
 * Acceptance: many clients creating ports at once on one small subnet until
 * it is exhausted. Real `muon serve` processes over real sockets — one on
 * SQLite, two sharing one PostgreSQL database — so the allocator's exactness
 * is tested under the concurrency it will meet, not under fastify.inject().
 */

const CLIENTS = 64;
const CIDR = '10.66.0.0/24';
const POOL = { start: '10.66.0.10', end: '10.66.0.49' };
const POOL_SIZE = 40;
const TEST_TIMEOUT_MS = 120_000;
/** The request loops stop by themselves: budget + one request timeout < test timeout. */
const LOOP_BUDGET_MS = 75_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** A client never tries more than this, whatever the server answers. */
const MAX_ATTEMPTS_PER_CLIENT = POOL_SIZE * 2;
const PORT_ERRORS_ON_TAKEN_ADDRESS = new Set(['IpAddressAlreadyAllocated', 'IpAddressGenerationFailure']);

interface Answer { client: number; server: number; status: number; body: any; error?: string }

/** JSON over keep-alive sockets, one agent per server; status 0 = no HTTP answer. */
class Http {
  private readonly agents: Agent[];

  constructor(readonly servers: readonly ServerProcess[]) {
    this.agents = servers.map(() => new Agent({ keepAlive: true, maxSockets: CLIENTS }));
  }

  async request(server: number, method: string, path: string, body?: unknown, as: As = ADMIN): Promise<Omit<Answer, 'client'>> {
    const answer = await httpJson(`${this.servers[server].url}${path}`, method, { agent: this.agents[server], timeoutMs: REQUEST_TIMEOUT_MS, as, body });
    return { server, ...answer };
  }

  close(): void { for (const agent of this.agents) agent.destroy(); }
}

/** Answers grouped as "status type" → count, for failure messages. */
function tally(answers: readonly Answer[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of answers) {
    const key = `${a.status} ${a.body?.NeutronError?.type ?? a.error ?? ''}`.trim();
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

function ipValue(text: string): number {
  return text.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

const inPool = (ip: string) => ipValue(ip) >= ipValue(POOL.start) && ipValue(ip) <= ipValue(POOL.end);

for (const { name, create } of DATABASES) {
  const processes = name === 'postgres' ? 2 : 1;

  describe(`concurrency: ${CLIENTS} clients exhaust a ${POOL_SIZE}-address pool (${name}, ${processes} API process${processes > 1 ? 'es' : ''})`, () => {
    let db: TestDatabase | undefined;
    const servers: ServerProcess[] = [];
    let http: Http;
    let networkId: string;
    let subnetId: string;
    let created: any[] = [];

    /** Server output tails and the answers, for every failure message. */
    const evidence = (answers: readonly Answer[] = []) => {
      const bad = answers.filter((a) => a.status >= 500 || a.status === 0).slice(0, 5);
      const logs = servers.map((s, i) => `--- server ${i} (pid ${s.pid}) log tail ---\n${s.log.slice(-4_000)}`).join('\n');
      return `\ntally: ${JSON.stringify(tally(answers))}\nsample 5xx/no-answer: ${JSON.stringify(bad)}\n${logs}`;
    };

    before(async () => {
      db = await create();
      // Sequential starts: the first migrates, the second finds the schema in place.
      for (let i = 0; i < processes; i++) servers.push(await ServerProcess.start({ databaseUrl: db.url }));
      http = new Http(servers);
      const net = await http.request(0, 'POST', '/v2.0/networks', { network: { name: 'crowded' } });
      assert.equal(net.status, 201, JSON.stringify(net.body));
      networkId = net.body.network.id;
      const subnet = await http.request(processes - 1, 'POST', '/v2.0/subnets', { subnet: {
        network_id: networkId, cidr: CIDR, ip_version: 4, allocation_pools: [POOL],
      } });
      assert.equal(subnet.status, 201, JSON.stringify(subnet.body));
      subnetId = subnet.body.subnet.id;
    });

    after(async () => {
      http?.close();
      await Promise.all(servers.map((s) => s.stop()));
      await db?.drop();
    });

    test('the pool starts empty: total_ips = pool size, used_ips = 0', async () => {
      const availability = await http.request(0, 'GET', `/v2.0/network-ip-availabilities/${networkId}`);
      assert.equal(availability.status, 200, JSON.stringify(availability.body));
      assert.equal(availability.body.network_ip_availability.total_ips, POOL_SIZE);
      assert.equal(availability.body.network_ip_availability.used_ips, 0);
    });

    test(`exactly ${POOL_SIZE} ports succeed, addresses and MACs distinct, the rest 409 IpAddressGenerationFailure, no 5xx`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
      const deadline = Date.now() + LOOP_BUDGET_MS;
      const started = Date.now();
      const perClient = await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
        const mine: Answer[] = [];
        for (let attempt = 0; attempt < MAX_ATTEMPTS_PER_CLIENT && Date.now() < deadline; attempt++) {
          const server = (client + attempt) % servers.length; // clients alternate between the processes
          const answer = { client, ...await http.request(server, 'POST', '/v2.0/ports', { port: { network_id: networkId } }) };
          mine.push(answer);
          if (answer.status !== 201) break;
        }
        return mine;
      }));
      const answers = perClient.flat();
      t.diagnostic(`${answers.length} requests in ${Date.now() - started} ms: ${JSON.stringify(tally(answers))}`);

      const serverErrors = answers.filter((a) => a.status >= 500 || a.status === 0);
      assert.equal(serverErrors.length, 0, `5xx or no answer${evidence(answers)}`);
      for (const mine of perClient) {
        assert.ok(mine.length > 0 && mine.at(-1)!.status !== 201, `client ${mine[0]?.client} stopped without a refusal (deadline or attempt cap)${evidence(answers)}`);
      }

      created = answers.filter((a) => a.status === 201).map((a) => a.body.port);
      const refused = answers.filter((a) => a.status !== 201);
      assert.equal(created.length, POOL_SIZE, `201 count${evidence(answers)}`);
      assert.equal(refused.length, CLIENTS, 'each client ends on exactly one refusal');
      for (const a of refused) {
        assert.equal(a.status, 409, `refusal ${JSON.stringify(a)}`);
        assert.equal(a.body?.NeutronError?.type, 'IpAddressGenerationFailure', `refusal ${JSON.stringify(a)}`);
      }

      const ips = created.flatMap((p) => p.fixed_ips.map((f: any) => f.ip_address as string));
      assert.equal(ips.length, POOL_SIZE, 'one fixed IP per port');
      for (const port of created) assert.deepEqual(port.fixed_ips.map((f: any) => f.subnet_id), [subnetId]);
      assert.equal(new Set(ips).size, POOL_SIZE, `duplicate addresses: ${ips.filter((ip, i) => ips.indexOf(ip) !== i)}`);
      for (const ip of ips) assert.ok(inPool(ip), `${ip} is outside ${POOL.start}-${POOL.end}`);
      const macs = created.map((p) => p.mac_address as string);
      assert.equal(new Set(macs).size, POOL_SIZE, `duplicate MACs: ${macs.filter((m, i) => macs.indexOf(m) !== i)}`);

      await assertSettled(POOL_SIZE);
    });

    test(`${CLIENTS} clients racing for the one freed address: exactly one 201, the rest 409, no 5xx`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
      const listed = await listPorts();
      assert.ok(listed.length > 0, 'phase 1 left ports to free one of');
      const victim = listed[Math.floor(listed.length / 2)];
      const freed: string = victim.fixed_ips[0].ip_address;
      const deleted = await http.request(0, 'DELETE', `/v2.0/ports/${victim.id}`);
      assert.equal(deleted.status, 204, JSON.stringify(deleted.body));

      const started = Date.now();
      const answers: Answer[] = await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => ({
        client,
        ...await http.request(client % servers.length, 'POST', '/v2.0/ports', { port: {
          network_id: networkId, fixed_ips: [{ subnet_id: subnetId, ip_address: freed }],
        } }),
      })));
      t.diagnostic(`${answers.length} requests for ${freed} in ${Date.now() - started} ms: ${JSON.stringify(tally(answers))}`);

      assert.equal(answers.filter((a) => a.status >= 500 || a.status === 0).length, 0, `5xx or no answer${evidence(answers)}`);
      const winners = answers.filter((a) => a.status === 201);
      assert.equal(winners.length, 1, `exactly one winner${evidence(answers)}`);
      assert.deepEqual(winners[0].body.port.fixed_ips, [{ subnet_id: subnetId, ip_address: freed }]);
      for (const a of answers.filter((x) => x.status !== 201)) {
        assert.equal(a.status, 409, `loser ${JSON.stringify(a)}`);
        assert.ok(PORT_ERRORS_ON_TAKEN_ADDRESS.has(a.body?.NeutronError?.type), `loser ${JSON.stringify(a)}`);
      }
      await assertSettled(listed.length);
    });

    async function listPorts(): Promise<any[]> {
      const list = await http.request(servers.length - 1, 'GET', `/v2.0/ports?network_id=${networkId}`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      return list.body.ports;
    }

    /** Every process agrees: `expected` ports listed, used_ips = expected, distinct addresses and MACs. */
    async function assertSettled(expected: number): Promise<void> {
      for (let server = 0; server < servers.length; server++) {
        const availability = await http.request(server, 'GET', `/v2.0/network-ip-availabilities/${networkId}`);
        assert.equal(availability.status, 200, JSON.stringify(availability.body));
        assert.equal(availability.body.network_ip_availability.used_ips, expected, `used_ips seen by server ${server}`);
      }
      const ports = await listPorts();
      assert.equal(ports.length, expected, 'ports listed on the network');
      const ips = ports.flatMap((p) => p.fixed_ips.map((f: any) => f.ip_address));
      assert.equal(new Set(ips).size, expected, 'listed addresses are distinct');
      assert.equal(new Set(ports.map((p) => p.mac_address)).size, expected, 'listed MACs are distinct');
    }
  });
}
