/** How the agent proves who it is to muon. */
export type AgentCredential =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'password'; readonly username: string; readonly password: string; readonly project: string; readonly domain: string }
  /** MUON_AUTH=noauth servers (tests, trusted rigs): the service role by header. */
  | { readonly kind: 'noauth' };

/** A muon answer that was not 2xx: the status and Neutron's error type when there is one. */
export class MuonApiError extends Error {
  constructor(readonly status: number, readonly type: string | undefined, message: string) { super(message); }
}

/**
 * The agent's HTTP client of muon's API. With a password credential it logs
 * in at muon's (or any Keystone's) /identity/v3, keeps the token and logs in
 * again once when a call answers 401 (the token expired).
 */
export class MuonClient {
  private token: string | undefined;

  constructor(private readonly url: string, private readonly credential: AgentCredential, private readonly identityUrl = `${url}/identity/v3`) {}

  /** JSON request; resolves with the parsed body (`{}` for 204), rejects with MuonApiError. */
  async call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<any> {
    let response = await this.send(method, path, body);
    if (response.status === 401 && this.credential.kind === 'password') {
      this.token = undefined;
      response = await this.send(method, path, body);
    }
    const text = await response.text();
    const json = text === '' ? {} : JSON.parse(text);
    if (!response.ok) throw new MuonApiError(response.status, json?.NeutronError?.type, `${method} ${path}: ${response.status} ${json?.NeutronError?.message ?? text.slice(0, 200)}`);
    return json;
  }

  private async send(method: string, path: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(await this.authHeaders()) };
    return fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  }

  private async authHeaders(): Promise<Record<string, string>> {
    const c = this.credential;
    if (c.kind === 'noauth') return { 'x-project-id': 'service', 'x-roles': 'service' };
    if (c.kind === 'token') return { 'x-auth-token': c.token };
    this.token ??= await this.login(c);
    return { 'x-auth-token': this.token };
  }

  private async login(c: Extract<AgentCredential, { kind: 'password' }>): Promise<string> {
    const response = await fetch(`${this.identityUrl}/auth/tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(30_000),
      body: JSON.stringify({ auth: {
        identity: { methods: ['password'], password: { user: { name: c.username, domain: { name: c.domain }, password: c.password } } },
        scope: { project: { name: c.project, domain: { name: c.domain } } },
      } }),
    });
    const token = response.headers.get('x-subject-token');
    if (response.status !== 201 || token === null) throw new MuonApiError(response.status, undefined, `login as ${c.username} failed: ${response.status}`);
    return token;
  }
}
