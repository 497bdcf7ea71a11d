import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config/schema.ts';
import { bootstrapIdentity, BOOTSTRAP } from '../identity/bootstrap.ts';
import { cloudsYaml } from '../identity/clouds-yaml.ts';
import { createIdentity, type Identity } from '../identity/identity.ts';
import type { Store } from '../store/store.ts';

/** The identity service for a configuration (its options come from the config). */
export function identityFor(store: Store, config: Readonly<Config>): Identity {
  return createIdentity(store, { tokenExpirationSeconds: config.tokenExpiration, region: config.region, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) });
}

/** Where clouds.yaml goes: beside the SQLite file, or ./var for PostgreSQL. */
export function cloudsYamlPath(config: Readonly<Config>): string {
  const url = config.databaseUrl;
  if (url.startsWith('sqlite:') && url !== 'sqlite::memory:') return join(dirname(url.slice('sqlite:'.length)), 'clouds.yaml');
  return join('var', 'clouds.yaml');
}

/** The URL clients authenticate at: the public URL, else the listen address (loopback for a wildcard). */
export function authUrl(config: Readonly<Config>): string {
  if (config.publicUrl) return `${config.publicUrl.replace(/\/+$/, '')}/identity/v3`;
  const at = config.listen.lastIndexOf(':');
  let host = config.listen.slice(0, at);
  if (host === '0.0.0.0' || host === '' ) host = '127.0.0.1';
  if (host === '[::]' || host === '::') host = '[::1]';
  return `http://${host}:${config.listen.slice(at + 1)}/identity/v3`;
}

/**
 * Bootstraps the admin (idempotent) and writes clouds.yaml when the admin's
 * password is known: just created, or given by MUON_ADMIN_PASSWORD while no
 * clouds.yaml exists yet. A generated password is printed once, here.
 */
export async function bootstrapAndWriteClouds(identity: Identity, config: Readonly<Config>, print: (line: string) => void, path = cloudsYamlPath(config)): Promise<void> {
  const result = await bootstrapIdentity(identity, config.adminPassword);
  const password = result.password ?? (config.adminPassword && !existsSync(path) ? config.adminPassword : undefined);
  if (password === undefined) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, cloudsYaml('muon', {
    authUrl: authUrl(config), username: BOOTSTRAP.user, password, projectName: BOOTSTRAP.project,
    userDomainName: BOOTSTRAP.domainName, projectDomainName: BOOTSTRAP.domainName, region: config.region,
  }), { mode: 0o600 });
  chmodSync(path, 0o600);
  if (result.generated) {
    print(`muon: created the bootstrap admin (user admin, project admin, domain Default). Its password, shown only this once: ${password}`);
  }
  print(`muon: wrote ${path}; try: OS_CLOUD=muon OS_CLIENT_CONFIG_FILE=${path} openstack network list`);
}
