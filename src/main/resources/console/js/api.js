// The console's one door to the server: the public admin API with the signed-in token.
// The token lives in sessionStorage only (gone when the tab closes) and travels only in the
// Authorization header, never in a URL.
const TOKEN = 'tidings.token';
const ROOT = 'tidings.root';

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  isRoot: () => sessionStorage.getItem(ROOT) === 'true',
  signIn(token, root) { sessionStorage.setItem(TOKEN, token); sessionStorage.setItem(ROOT, String(root)); },
  clear() { sessionStorage.removeItem(TOKEN); sessionStorage.removeItem(ROOT); },
};

export class ApiError extends Error {
  constructor(status, body, message) {
    super(message);
    this.status = status;
    this.body = body;
    this.code = body && body.status ? body.status.code : null;
    this.errors = body && Array.isArray(body.errors) ? body.errors : [];
  }
  /** A 404 from the router itself: the endpoint is not deployed on this server (not a missing object). */
  get notDeployed() { return this.status === 404 && /^No such resource/.test(this.message); }
}

const listeners = { unauthorized: new Set(), connection: new Set() };
export function on(event, fn) { listeners[event].add(fn); return () => listeners[event].delete(fn); }
function emit(event, value) { listeners[event].forEach((fn) => fn(value)); }

function describe(status, body) {
  const message = body && body.status && body.status.message;
  if (status === 503) return `The server cannot do this right now (503${message ? ': ' + message : ''}). Try again in a moment.`;
  if (status === 401) return 'The token is not accepted (expired, rotated or wrong).';
  return message || `The server answered HTTP ${status}.`;
}

/** Any same-origin call; answers {status, json, text} or throws ApiError (status 0: no connection). */
export async function call(method, url, { body, headers = {}, auth = true, raw = false } = {}) {
  const h = { ...headers };
  if (auth && session.token()) h.Authorization = 'Bearer ' + session.token();
  if (body !== undefined && !h['Content-Type']) h['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(url, { method, headers: h, cache: 'no-store', credentials: 'omit', redirect: 'error',
      body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)) });
  } catch (e) {
    emit('connection', false);
    throw new ApiError(0, null, 'Cannot reach the Tidings server: it may have stopped, or the network is down. The console retries on its own.');
  }
  emit('connection', true);
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (raw) return { status: res.status, json, text };
  if (res.ok) return json;
  if (res.status === 401 && auth && url.startsWith('/api/')) emit('unauthorized');
  throw new ApiError(res.status, json, describe(res.status, json));
}

export const api = {
  get: (path) => call('GET', '/api/v1' + path),
  post: (path, body) => call('POST', '/api/v1' + path, { body: body === undefined ? {} : body }),
  put: (path, body) => call('PUT', '/api/v1' + path, { body }),
};

/** Query string from an object, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

export const enc = encodeURIComponent;
