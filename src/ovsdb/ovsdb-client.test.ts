import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { JsonStream } from './json-stream.ts';
import { OvsdbClient } from './ovsdb-client.ts';
import type { DatabaseSchema, JsonRpcMessage } from './protocol.ts';
import { parseRemote } from './rpc-connection.ts';

const SCHEMA: DatabaseSchema = { name: 'T', version: '1.0.0', tables: { S: { columns: { name: { type: 'string' } } } } };

/**
 * A scripted OVSDB server on a Unix socket: answers get_schema, echo and
 * monitor_cond_since itself unless `mute` is set (a peer that went silent
 * without closing), and records what clients sent.
 */
class FakeServer {
  readonly dir = mkdtempSync(join(tmpdir(), 'muon-fake-ovsdb-'));
  readonly path = join(this.dir, 'db.sock');
  readonly received: JsonRpcMessage[] = [];
  readonly sockets: Socket[] = [];
  mute = false;
  private server: Server | undefined;

  async listen(): Promise<void> {
    this.server = createServer((socket) => {
      this.sockets.push(socket);
      const stream = new JsonStream();
      socket.on('error', () => {});
      socket.on('data', (chunk) => {
        for (const text of stream.push(chunk)) {
          const message = JSON.parse(text) as JsonRpcMessage;
          this.received.push(message);
          if (this.mute || message.method === undefined) continue;
          const result = message.method === 'get_schema' ? SCHEMA
            : message.method === 'monitor_cond_since' ? [false, '00000000-0000-0000-0000-000000000001', { S: { '11111111-1111-1111-1111-111111111111': { initial: { name: 'x' } } } }]
            : message.method === 'echo' ? message.params : null;
          socket.write(JSON.stringify({ id: message.id, result, error: null }));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.path, resolve));
  }

  send(message: JsonRpcMessage): void {
    for (const socket of this.sockets) if (!socket.destroyed) socket.write(JSON.stringify(message));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

let fake: FakeServer;
before(async () => { fake = new FakeServer(); await fake.listen(); });
after(async () => { await fake.close(); rmSync(fake.dir, { recursive: true, force: true }); });

test('remotes: unix and tcp, nothing else', () => {
  assert.deepEqual(parseRemote('unix:/run/ovn/ovnnb_db.sock'), { kind: 'unix', path: '/run/ovn/ovnnb_db.sock' });
  assert.deepEqual(parseRemote('tcp:127.0.0.1:6641'), { kind: 'tcp', host: '127.0.0.1', port: 6641 });
  assert.deepEqual(parseRemote('tcp:[::1]:6641'), { kind: 'tcp', host: '::1', port: 6641 });
  assert.throws(() => parseRemote('ssl:1.2.3.4:6641'), /unsupported/);
});

test('answers the server\'s echo requests with the same params', async () => {
  const client = new OvsdbClient({ remote: `unix:${fake.path}`, database: 'T', probeIntervalMs: 0 });
  await client.start();
  fake.send({ id: 'echo', method: 'echo', params: ['a', 1] });
  await until('the echo answer', () => fake.received.some((m) => m.id === 'echo'));
  assert.deepEqual(fake.received.find((m) => m.id === 'echo'), { id: 'echo', result: ['a', 1], error: null });
  await client.stop();
});

test('a notification that arrives in the same read as the monitor answer is applied after it', async () => {
  const client = new OvsdbClient({ remote: `unix:${fake.path}`, database: 'T', probeIntervalMs: 0 });
  await client.start();
  fake.mute = true;
  const monitoring = client.monitor({ S: {} });
  await until('the monitor request', () => fake.received.some((m) => m.method === 'monitor_cond_since'));
  const request = fake.received.filter((m) => m.method === 'monitor_cond_since').at(-1)!;
  const id = request.params![1];
  const answer = { id: request.id, error: null, result: [false, 't1', { S: { '11111111-1111-1111-1111-111111111111': { initial: { name: 'x' } } } }] };
  const update = { id: null, method: 'update3', params: [id, 't2', { S: { '11111111-1111-1111-1111-111111111111': { modify: { name: 'y' } } } }] };
  fake.sockets.at(-1)!.write(JSON.stringify(answer) + JSON.stringify(update));
  const monitor = await monitoring;
  assert.equal(monitor.replica.rows('S').get('11111111-1111-1111-1111-111111111111')!.name, 'y');
  assert.equal(monitor.lastTxnId, 't2');
  fake.mute = false;
  await client.stop();
});

test('a silent peer is detected by our own echo, dropped, and reconnected to', async () => {
  const events: string[] = [];
  const client = new OvsdbClient({ remote: `unix:${fake.path}`, database: 'T', probeIntervalMs: 100, backoff: { initialMs: 10, maxMs: 50 }, onEvent: (e) => events.push(e.type) });
  await client.start();
  const connections = fake.sockets.length;
  fake.mute = true;
  await until('the probe to give up', () => events.includes('disconnected'), 3000);
  assert.ok(fake.received.some((m) => m.method === 'echo' && (m.params as unknown[])[0] === 'muon-probe'));
  fake.mute = false;
  await until('a new connection', () => events.filter((e) => e === 'connected').length === 2, 3000);
  assert.ok(fake.sockets.length > connections);
  await client.stop();
});

test('backoff doubles while the server is away and the first connection resolves start()', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'muon-absent-'));
  const delays: number[] = [];
  const client = new OvsdbClient({ remote: `unix:${join(dir, 'none.sock')}`, database: 'T', backoff: { initialMs: 5, maxMs: 40 }, onEvent: (e) => { if (e.type === 'retry') delays.push(e.delayMs!); } });
  const started = client.start();
  await until('six retries', () => delays.length >= 6);
  await client.stop();
  await assert.rejects(started, /stopped/);
  const ceilings = [5, 10, 20, 40, 40, 40];
  delays.slice(0, 6).forEach((delay, i) => assert.ok(delay >= ceilings[i]! / 2 && delay <= ceilings[i]!, `retry ${i}: ${delay} ms`));
  rmSync(dir, { recursive: true, force: true });
});
