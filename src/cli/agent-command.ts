import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { HostAgent, type MetadataOptions } from '../agent/host-agent.ts';
import { MuonClient, type AgentCredential } from '../agent/muon-client.ts';

interface AgentOptions {
  host: string; url: string; ovsDb: string; token?: string; username: string; password?: string; project: string; domain: string; noauth?: boolean;
  heartbeat: string; novaMetadataUrl?: string; metadataSecret?: string; metadataSocket?: string; hostNetns?: string; netnsPrefix: string;
}

/**
 * `muon agent --host NAME`: the per-chassis agent (src/agent/). It reaches
 * muon over HTTP with a service credential — a token, a password
 * (MUON_AGENT_PASSWORD; user `neutron` in project `service` by default, who
 * needs the service or admin role) or, against MUON_AUTH=noauth servers, none.
 */
export function addAgentCommand(program: Command): void {
  program.command('agent').description('run the host agent of one chassis: heartbeats and port status')
    .requiredOption('--host <name>', 'this chassis / hypervisor name (the ports\' binding:host_id)')
    .option('--url <url>', 'muon\'s API', process.env.MUON_AGENT_URL ?? 'http://127.0.0.1:9696')
    .option('--ovs-db <remote>', 'the local Open_vSwitch database', process.env.MUON_AGENT_OVS_DB ?? 'unix:/run/openvswitch/db.sock')
    .option('--token <token>', 'a service token (MUON_AGENT_TOKEN)', process.env.MUON_AGENT_TOKEN)
    .option('--username <name>', 'service user', process.env.MUON_AGENT_USERNAME ?? 'neutron')
    .option('--password <password>', 'its password (MUON_AGENT_PASSWORD)', process.env.MUON_AGENT_PASSWORD)
    .option('--project <name>', 'its project', process.env.MUON_AGENT_PROJECT ?? 'service')
    .option('--domain <name>', 'user and project domain', 'Default')
    .option('--noauth', 'send no credential (muon serve --auth noauth only)')
    .option('--heartbeat <seconds>', 'seconds between heartbeats', '30')
    .option('--nova-metadata-url <url>', 'Nova\'s metadata API; turns the metadata proxy on (MUON_NOVA_METADATA_URL)', process.env.MUON_NOVA_METADATA_URL)
    .option('--metadata-secret <secret>', 'metadata_proxy_shared_secret shared with Nova (MUON_METADATA_SECRET)', process.env.MUON_METADATA_SECRET)
    .option('--metadata-socket <path>', 'Unix socket between the namespaces\' listeners and the agent (default /run/muon/metadata-<host>.sock)')
    .option('--host-netns <name>', 'the namespace br-int lives in (a sandbox chassis); default the agent\'s own')
    .option('--netns-prefix <prefix>', 'prefix of the ovnmeta-<network id> namespaces', '')
    .action(async (o: AgentOptions) => {
      const agent = new HostAgent(new MuonClient(o.url.replace(/\/$/, ''), credentialOf(o)), {
        host: o.host, ovsRemote: o.ovsDb, heartbeatS: Number(o.heartbeat), log: (line) => console.log(line), metadata: metadataOf(o),
      });
      await agent.start();
      console.log(`muon agent ${o.host}: running (muon ${o.url}, OVS ${o.ovsDb})`);
      const stop = () => { void agent.stop().finally(() => process.exit(0)); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

function metadataOf(o: AgentOptions): MetadataOptions | undefined {
  if (o.novaMetadataUrl === undefined) return undefined;
  if (!o.metadataSecret) throw new Error('--nova-metadata-url needs --metadata-secret (MUON_METADATA_SECRET): Nova checks the signature');
  const socketPath = o.metadataSocket ?? `/run/muon/metadata-${o.host}.sock`;
  mkdirSync(dirname(socketPath), { recursive: true });
  return { novaUrl: o.novaMetadataUrl, sharedSecret: o.metadataSecret, socketPath, hostNetns: o.hostNetns, netnsPrefix: o.netnsPrefix };
}

function credentialOf(o: AgentOptions): AgentCredential {
  if (o.noauth) return { kind: 'noauth' };
  if (o.token) return { kind: 'token', token: o.token };
  if (o.password) return { kind: 'password', username: o.username, password: o.password, project: o.project, domain: o.domain };
  throw new Error('no credential: give --token, --password (or MUON_AGENT_TOKEN / MUON_AGENT_PASSWORD), or --noauth');
}
