// A port-create load client for A/B runs (bench/create-ab.sh): keep-alive HTTP,
// `CONC` requests in flight, the same body as load.py's port create. Prints one
// JSON line: creates per second over the measured creates, p50/p99 latency, errors, and the CPU
// per create of the server (SERVER_PID) and of its PostgreSQL backends (command lines naming DB):
// CPU per create is much less disturbed than the rate by other work on a shared machine.
//   node bench/lib/create-client.mjs http://127.0.0.1:PORT [CREATES=3000] [CONC=32] [WARMUP=300] [SERVER_PID] [DB]
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';

const [base, creates = '3000', conc = '32', warmup = '300', serverPid = '', dbName = ''] = process.argv.slice(2);
const TICK_MS = 10; // USER_HZ = 100 on Linux

/** CPU milliseconds used so far by the server and by PostgreSQL backends of the database. */
function cpuNow() {
  const ticks = (pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop().trim().split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch { return 0; }
  };
  let postgres = 0;
  if (dbName) {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (cmd.startsWith('postgres') && cmd.includes(dbName)) postgres += ticks(pid);
      } catch { /* gone */ }
    }
  }
  return { server: serverPid ? ticks(serverPid) * TICK_MS : 0, postgres: postgres * TICK_MS };
}
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(conc) });
const headers = { 'content-type': 'application/json', 'x-project-id': 'bench', 'x-roles': 'admin' };

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(`${base}${path}`, { method, agent, headers: data ? { ...headers, 'content-length': Buffer.byteLength(data) } : headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

await call('PUT', '/v2.0/quotas/bench', { quota: { network: -1, subnet: -1, port: -1 } });
const net = JSON.parse((await call('POST', '/v2.0/networks', { network: { name: 'ab' } })).body).network;
const subnet = JSON.parse((await call('POST', '/v2.0/subnets', { subnet: { network_id: net.id, ip_version: 4, cidr: '10.200.0.0/16' } })).body).subnet;
let n = 0;
async function run(total) {
  const latencies = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      const i = n++;
      const t0 = performance.now();
      const r = await call('POST', '/v2.0/ports', { port: { network_id: net.id, name: `p-${i}`, device_id: `dev-${i}`, fixed_ips: [{ subnet_id: subnet.id }] } });
      latencies.push(performance.now() - t0);
      if (r.status !== 201) errors++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Number(conc) }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { rate: Math.round(total / seconds), p50: +latencies[Math.floor(latencies.length / 2)].toFixed(1), p99: +latencies[Math.floor(latencies.length * 0.99)].toFixed(1), errors };
}
await run(Number(warmup));
const cpu0 = cpuNow();
const result = await run(Number(creates));
const cpu1 = cpuNow();
const perCreate = (ms) => +(ms / Number(creates)).toFixed(3);
console.log(JSON.stringify({ ...result, serverCpuMs: perCreate(cpu1.server - cpu0.server), postgresCpuMs: perCreate(cpu1.postgres - cpu0.postgres) }));
agent.destroy();
