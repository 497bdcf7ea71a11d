import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MetadataProxy, signInstanceId } from './metadata-proxy.ts';
import type { MuonClient } from './muon-client.ts';

test('the signature is HMAC-SHA256 of the instance id with the shared secret, in hex (as Nova checks it)', () => {
  // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'shared-secret', b'9f2c6a3e-instance', hashlib.sha256).hexdigest())"
  assert.equal(signInstanceId('shared-secret', '9f2c6a3e-instance'), '742480999f9216a59b2807c13137509bfb9fdd21f026616b7d258750edce8786');
});

/** Ports by (network, address), as muon would answer `GET /v2.0/ports?network_id=&fixed_ips=ip_address=`. */
const PORTS = [
  { network: 'net-a', ip: '10.0.0.5', device_id: 'vm-a', project_id: 'proj-a', device_owner: 'compute:nova' },
  { network: 'net-b', ip: '10.0.0.5', device_id: 'vm-b', project_id: 'proj-b', device_owner: 'compute:nova' },
  { network: 'net-b', ip: '10.0.0.2', device_id: 'ovnmeta-net-b', project_id: 'proj-b', device_owner: 'network:distributed' },
];
const fakeMuon = {
  async call(_method: string, path: string) {
    const query = new URLSearchParams(path.split('?')[1]);
    const ip = query.get('fixed_ips')!.replace('ip_address=', '');
    return { ports: PORTS.filter((p) => p.network === query.get('network_id') && p.ip === ip) };
  },
} as unknown as MuonClient;

describe('metadata proxy (agent side)', () => {
  let dir: string;
  let nova: Server;
  let proxy: MetadataProxy;
  let seen: IncomingHttpHeaders | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'muon-md-'));
    nova = createServer((req, res) => { seen = req.headers; res.writeHead(200, { 'content-type': 'text/plain' }); res.end(`nova:${req.url}`); });
    await new Promise<void>((resolve) => nova.listen(0, '127.0.0.1', resolve));
    const port = (nova.address() as { port: number }).port;
    proxy = new MetadataProxy(fakeMuon, { novaUrl: `http://127.0.0.1:${port}`, sharedSecret: 's3cret', socketPath: join(dir, 'md.sock') });
    await proxy.start();
  });
  after(async () => { await proxy.stop(); nova.close(); rmSync(dir, { recursive: true, force: true }); });

  /** What a namespace listener sends: the request plus the source address and the network. */
  const ask = (network: string | undefined, from: string | undefined, path = '/latest/meta-data/instance-id') => new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (network) headers['x-muon-network-id'] = network;
    if (from) headers['x-forwarded-for'] = from;
    const req = request({ socketPath: join(dir, 'md.sock'), path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

  test('the same address on two networks is two instances, each forwarded with its own signed identity', async () => {
    seen = undefined;
    assert.deepEqual(await ask('net-a', '10.0.0.5'), { status: 200, body: 'nova:/latest/meta-data/instance-id' });
    assert.deepEqual([seen?.['x-instance-id'], seen?.['x-tenant-id'], seen?.['x-forwarded-for'], seen?.['x-instance-id-signature']],
      ['vm-a', 'proj-a', '10.0.0.5', signInstanceId('s3cret', 'vm-a')]);
    await ask('net-b', '::ffff:10.0.0.5', '/openstack');
    assert.deepEqual([seen?.['x-instance-id'], seen?.['x-tenant-id'], seen?.['x-forwarded-for']], ['vm-b', 'proj-b', '10.0.0.5']);
    assert.equal(seen?.['x-muon-network-id'], undefined, 'internal headers do not reach Nova');
  });

  test('no instance at that address (or only the network\'s own port): 404 and Nova is not asked', async () => {
    seen = undefined;
    assert.equal((await ask('net-a', '10.0.0.99')).status, 404);
    assert.equal((await ask('net-b', '10.0.0.2')).status, 404);
    assert.equal(seen, undefined);
  });

  test('a request without network or source: 400', async () => {
    assert.equal((await ask(undefined, '10.0.0.5')).status, 400);
    assert.equal((await ask('net-a', undefined)).status, 400);
  });
});
