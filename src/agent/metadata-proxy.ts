import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { MuonClient } from './muon-client.ts';

export interface MetadataProxyOptions {
  /** Nova's metadata API, e.g. http://127.0.0.1:8775. */
  readonly novaUrl: string;
  /** metadata_proxy_shared_secret, shared with Nova. */
  readonly sharedSecret: string;
  /** The Unix socket the per-network listeners forward to. */
  readonly socketPath: string;
}

/** Neutron's X-Instance-ID-Signature: HMAC-SHA256 of the instance id with the shared secret, hex. */
export function signInstanceId(secret: string, instanceId: string): string {
  return createHmac('sha256', secret).update(instanceId).digest('hex');
}

/** The instance behind a (network, address): its port's device_id and project. */
export interface InstanceIdentity { readonly instanceId: string; readonly projectId: string }

/*
 * The agent's half of the metadata service (neutron-ovn-metadata-agent's
 * MetadataProxyHandler): a request arrives from a network's listener with
 * the network and the source address; the port with that address on that
 * network names the instance (so two networks with the same CIDR never mix
 * up their instances); the request goes on to Nova with X-Instance-ID,
 * X-Tenant-ID, X-Instance-ID-Signature and X-Forwarded-For. An address no
 * port holds gets 404, a muon or Nova failure 500/502 — never another
 * instance's data.
 */
export class MetadataProxy {
  private server: Server | undefined;

  constructor(private readonly muon: MuonClient, private readonly options: MetadataProxyOptions) {}

  /** Listens on the Unix socket (replacing a stale one). */
  async start(): Promise<void> {
    rmSync(this.options.socketPath, { force: true });
    this.server = createServer((req, res) => { this.handle(req, res).catch(() => reply(res, 500, 'metadata proxy error')); });
    await new Promise<void>((resolve) => this.server!.listen(this.options.socketPath, resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    rmSync(this.options.socketPath, { force: true });
  }

  /** The instance holding `address` on `networkId`, or undefined. */
  async identify(networkId: string, address: string): Promise<InstanceIdentity | undefined> {
    const query = `network_id=${encodeURIComponent(networkId)}&fixed_ips=ip_address%3D${encodeURIComponent(address)}&fields=device_id&fields=project_id&fields=device_owner`;
    const { ports } = await this.muon.call('GET', `/v2.0/ports?${query}`) as { ports: Array<{ device_id: string; project_id: string; device_owner: string }> };
    const port = ports.find((p) => p.device_id !== '' && !p.device_owner.startsWith('network:'));
    return port && { instanceId: port.device_id, projectId: port.project_id };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const networkId = header(req, 'x-muon-network-id');
    const address = header(req, 'x-forwarded-for');
    if (!networkId || !address) return reply(res, 400, 'missing network or source address');
    const identity = await this.identify(networkId, address.replace(/^::ffff:/, ''));
    if (!identity) return reply(res, 404, `no instance with address ${address} on network ${networkId}`);
    const target = new URL(req.url ?? '/', this.options.novaUrl);
    const headers: Record<string, string> = {
      'x-forwarded-for': address.replace(/^::ffff:/, ''), 'x-instance-id': identity.instanceId, 'x-tenant-id': identity.projectId,
      'x-instance-id-signature': signInstanceId(this.options.sharedSecret, identity.instanceId),
    };
    for (const name of ['content-type', 'content-length', 'accept']) { const v = header(req, name); if (v) headers[name] = v; }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method: req.method, headers, timeout: 30_000 }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'text/plain' });
      answer.pipe(res);
    });
    upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
    upstream.on('error', () => reply(res, 502, 'the metadata service did not answer'));
    req.pipe(upstream);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) { res.end(); return; }
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(text);
}
