// The console talks to the same HTTP API as every other client, with the staff member's token.

const TOKEN = 'arp.token';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
    this.problem = problem;
  }
}

export const session = {
  me: null,
  get token() {
    return sessionStorage.getItem(TOKEN);
  },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN, value);
    else sessionStorage.removeItem(TOKEN);
  },
  has(role) {
    return Boolean(this.me?.roles?.includes(role));
  },
};

let onUnauthenticated = () => {};
export function whenUnauthenticated(fn) {
  onUnauthenticated = fn;
}

export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const data = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  if (res.status === 401 && path !== '/v1/auth/login') {
    session.token = null;
    session.me = null;
    onUnauthenticated();
  }
  if (!res.ok) throw new ApiError(res.status, typeof data === 'object' ? data : { detail: String(data) });
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body = {}) => api('POST', path, body);

export async function login(username, password) {
  const res = await post('/v1/auth/login', { username, password });
  session.token = res.accessToken;
  session.me = await get('/v1/auth/me');
  return session.me;
}

export async function restore() {
  if (!session.token) return null;
  try {
    session.me = await get('/v1/auth/me');
  } catch {
    session.me = null;
  }
  return session.me;
}

export function logout() {
  session.token = null;
  session.me = null;
}

/** Query string from an object, skipping empty values. */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
