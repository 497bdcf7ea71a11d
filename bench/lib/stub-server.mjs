// A stand-in for muon that does no work: answers every request with a canned port
// (201 for POST, 200 otherwise). Used by client-ceiling.sh to measure how many
// requests/s the load generator itself can issue on this machine.
import { createServer } from 'node:http';

const port = { port: { id: '6f1c3c2e-7d0e-4a5a-9a4e-0c2f4b2d7f10', name: 'x', network_id: 'n', fixed_ips: [{ subnet_id: 's', ip_address: '10.200.0.2' }] } };
const body = JSON.stringify(port);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
