/**
 * The HTTP client of bench/create-inprocess.ts, in its own process so that
 * its CPU is not charged to the server: `count` port creates as the shared
 * load generator sends them (one network, one subnet, a name, a device_id and
 * one fixed IP from the subnet), `concurrency` at a time over keep-alive
 * connections. Prints one JSON line: {ms, ok, errors, firstError, p50, p99}.
 *
 *   node bench/lib/create-client.mjs URL NETWORK_ID SUBNET_ID COUNT CONCURRENCY TAG
 */
import http from 'node:http';

const [url, networkId, subnetId, countArg, concurrencyArg, tag] = process.argv.slice(2);
const count = Number(countArg);
const concurrency = Number(concurrencyArg);
const { hostname, port } = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function create(i) {
  const body = JSON.stringify({ port: { network_id: networkId, name: `${tag}-${i}`, device_id: `${tag}-dev-${i}`, fixed_ips: [{ subnet_id: subnetId }] } });
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: '/v2.0/ports', method: 'POST', agent, headers: {
      'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-project-id': 'bench', 'x-roles': 'admin',
    } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

let next = 0;
let errors = 0;
let firstError;
const latencies = [];
async function worker() {
  while (next < count) {
    const i = next++;
    const t0 = performance.now();
    const { status, text } = await create(i);
    latencies.push(performance.now() - t0);
    if (status !== 201) { errors++; firstError ??= `${status} ${text.slice(0, 200)}`; }
  }
}

const t0 = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const ms = performance.now() - t0;
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
console.log(JSON.stringify({ ms, ok: count - errors, errors, firstError, p50: at(50), p99: at(99) }));
agent.destroy();
