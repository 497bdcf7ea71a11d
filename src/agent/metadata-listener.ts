import { createServer, request } from 'node:http';

/*
 * The listener of one network's metadata namespace (what haproxy is to
 * ML2/OVN's metadata agent): runs inside `ovnmeta-<network id>`, answers on
 * 169.254.169.254:80, and passes each request over the agent's Unix socket —
 * which crosses namespaces, unlike TCP — adding who asked: the source
 * address (X-Forwarded-For) and the network (X-Muon-Network-ID). The agent
 * (metadata-proxy.ts) does the rest. Usage:
 *   ip netns exec ovnmeta-<id> node --import tsx metadata-listener.ts <socket> <network id> [address]
 */
const [socketPath, networkId, address = '169.254.169.254'] = process.argv.slice(2);
if (!socketPath || !networkId) {
  console.error('usage: metadata-listener.ts <agent socket> <network id> [listen address]');
  process.exit(2);
}

const server = createServer((req, res) => {
  const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '', 'x-muon-network-id': networkId };
  const upstream = request({ socketPath, path: req.url, method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
  req.pipe(upstream);
});
server.listen(80, address, () => console.log(`metadata listener for network ${networkId} on ${address}:80`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => { server.close(); process.exit(0); });
