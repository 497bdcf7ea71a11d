import { createHash } from 'node:crypto';
import type { Clock } from '../clock.ts';

/** What muon needs to know about a caller's token. */
export interface RemoteTokenInfo {
  readonly userId: string;
  readonly projectId: string;
  readonly roles: readonly string[];
  readonly systemScope: boolean;
  readonly domainId?: string;
  /** ms since the epoch. */
  readonly expiresAt: number;
}

export interface KeystoneValidatorOptions {
  /** The external Keystone's v3 URL (`http://keystone:5000/v3`; `/v3` is added when missing). */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly projectName: string;
  readonly userDomainName: string;
  readonly projectDomainName: string;
  /** Seconds a validated token is trusted without asking again (keystonemiddleware's token_cache_time). */
  readonly cacheSeconds: number;
  readonly maxCached?: number;
  readonly clock?: Clock;
  readonly fetch?: typeof fetch;
}

/** The external Keystone could not be asked (network, 5xx): callers answer 503, not 401. */
export class KeystoneUnavailable extends Error {}

/** Invalid tokens are remembered briefly too, so a flood of bad tokens does not become a flood of validations. */
const NEGATIVE_CACHE_MS = 10_000;

/**
 * Validates tokens against an external Keystone the way keystonemiddleware
 * does: muon authenticates as its service user, then asks
 * `GET /v3/auth/tokens` with `X-Auth-Token: <service token>` and
 * `X-Subject-Token: <user token>`. 200 means valid, 404 means invalid, 401
 * means muon's own token expired (renewed once, then asked again).
 *
 * Valid answers are cached for `cacheSeconds` (never beyond the token's
 * expiry), invalid ones for 10 s, in a bounded in-process map keyed by the
 * token's SHA-256. So a revocation at Keystone takes effect here within
 * `cacheSeconds`, as with keystonemiddleware. May block on the network.
 */
export class KeystoneValidator {
  private readonly url: string;
  private readonly clock: Clock;
  private readonly fetch: typeof fetch;
  private readonly cache = new Map<string, { info: RemoteTokenInfo | undefined; until: number }>();
  private serviceToken: { token: string; until: number } | undefined;
  /** Validation requests sent to Keystone (observable for tests and metrics). */
  requests = 0;

  constructor(private readonly options: KeystoneValidatorOptions) {
    const base = options.url.replace(/\/+$/, '');
    this.url = /\/v3$/.test(base) ? base : `${base}/v3`;
    this.clock = options.clock ?? Date.now;
    this.fetch = options.fetch ?? fetch;
  }

  /** The token's details, or undefined when Keystone says it is not valid. Throws KeystoneUnavailable. */
  async validate(token: string): Promise<RemoteTokenInfo | undefined> {
    const key = createHash('sha256').update(token).digest('base64url');
    const now = this.clock();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.info;
    const info = await this.ask(token, false);
    const until = info ? Math.min(now + this.options.cacheSeconds * 1000, info.expiresAt) : now + Math.min(NEGATIVE_CACHE_MS, this.options.cacheSeconds * 1000);
    this.cache.delete(key);
    if (until > now) {
      this.cache.set(key, { info, until });
      if (this.cache.size > (this.options.maxCached ?? 10_000)) this.cache.delete(this.cache.keys().next().value!);
    }
    return info;
  }

  private async ask(token: string, renewed: boolean): Promise<RemoteTokenInfo | undefined> {
    const service = await this.getServiceToken(renewed);
    this.requests++;
    const response = await this.call(`${this.url}/auth/tokens?nocatalog`, { method: 'GET', headers: { 'x-auth-token': service, 'x-subject-token': token } });
    if (response.status === 401 && !renewed) return this.ask(token, true);
    if (response.status === 404 || response.status === 401 || response.status === 403) return undefined;
    if (response.status !== 200) throw new KeystoneUnavailable(`Keystone answered ${response.status} to a token validation`);
    return parseToken(await response.json().catch(() => undefined));
  }

  private async getServiceToken(renew: boolean): Promise<string> {
    if (!renew && this.serviceToken && this.serviceToken.until > this.clock()) return this.serviceToken.token;
    const body = {
      auth: {
        identity: { methods: ['password'], password: { user: { name: this.options.username, password: this.options.password, domain: { name: this.options.userDomainName } } } },
        scope: { project: { name: this.options.projectName, domain: { name: this.options.projectDomainName } } },
      },
    };
    const response = await this.call(`${this.url}/auth/tokens?nocatalog`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const token = response.headers.get('x-subject-token');
    if (response.status !== 201 || !token) throw new KeystoneUnavailable(`muon's service user could not authenticate to Keystone (${response.status})`);
    const parsed = parseToken(await response.json().catch(() => undefined));
    // Renew a minute before expiry.
    this.serviceToken = { token, until: (parsed?.expiresAt ?? this.clock() + 300_000) - 60_000 };
    return token;
  }

  private async call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new KeystoneUnavailable(`Keystone at ${this.url} could not be reached: ${(error as Error).message}`);
    }
  }
}

/** The parts of a Keystone token body muon uses; undefined for anything malformed. */
export function parseToken(body: unknown): RemoteTokenInfo | undefined {
  const token = (body as { token?: Record<string, any> } | undefined)?.token;
  if (!token || typeof token !== 'object') return undefined;
  const userId = token.user?.id;
  const expiresAt = Date.parse(String(token.expires_at));
  if (typeof userId !== 'string' || Number.isNaN(expiresAt)) return undefined;
  const roles = Array.isArray(token.roles) ? token.roles.map((r: { name?: unknown }) => String(r?.name ?? '')).filter((r: string) => r !== '') : [];
  return {
    userId,
    projectId: typeof token.project?.id === 'string' ? token.project.id : '',
    roles,
    systemScope: token.system?.all === true,
    ...(typeof token.domain?.id === 'string' ? { domainId: token.domain.id } : {}),
    expiresAt,
  };
}
