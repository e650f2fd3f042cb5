// The HTTP client for Warren's management API (RabbitMQ's API shape, same origin, HTTP basic auth).
// The credentials live in sessionStorage so that they survive a reload but not the browser tab.
// Any 401 forgets them and fires "warren:signed-out", which sends the user back to the login form.

const AUTH_KEY = 'warren.auth';
const USER_KEY = 'warren.user';

/** An API call that did not succeed; `reason` is the server's explanation, fit to show to the user. */
export class ApiError extends Error {
  constructor(status, reason, request = '') {
    super(reason);
    this.status = status;
    this.reason = reason;
    this.request = request;
  }
}

/** Percent-encodes one path segment; the default vhost "/" becomes %2F as the API expects. */
export function seg(value) {
  return encodeURIComponent(value);
}

/** Builds an API path from a template, encoding every interpolated value as one path segment. */
export function path(strings, ...values) {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? seg(values[i]) : ''), '');
}

/** Appends query parameters, skipping undefined and empty values. */
export function query(base, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

/** The signed-in user as /api/whoami described it ({name, tags}), or null. */
export function currentUser() {
  const raw = sessionStorage.getItem(USER_KEY);
  return raw && sessionStorage.getItem(AUTH_KEY) ? JSON.parse(raw) : null;
}

/** True when the signed-in user has one of the given tags. */
export function hasTag(...tags) {
  const user = currentUser();
  const own = user ? (Array.isArray(user.tags) ? user.tags : String(user.tags).split(',')) : [];
  return tags.some((t) => own.includes(t));
}

/** Checks the credentials with /api/whoami and keeps them for later calls. */
export async function signIn(user, password) {
  const auth = basic(user, password);
  const response = await fetch('/api/whoami', { headers: { Authorization: auth } });
  if (!response.ok) {
    throw new ApiError(response.status, response.status === 401
      ? 'Login failed: wrong user name or password, or the user may not use the management UI.'
      : await reasonOf(response));
  }
  sessionStorage.setItem(AUTH_KEY, auth);
  sessionStorage.setItem(USER_KEY, JSON.stringify(await response.json()));
}

export function signOut() {
  sessionStorage.removeItem(AUTH_KEY);
  sessionStorage.removeItem(USER_KEY);
  window.dispatchEvent(new Event('warren:signed-out'));
}

async function reasonOf(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    return body.reason || body.error || response.statusText;
  } catch {
    return text || `${response.status} ${response.statusText}`;
  }
}

async function send(method, url, { json, form, headers = {} } = {}) {
  const init = { method, headers: { ...headers, Authorization: sessionStorage.getItem(AUTH_KEY) || '' } };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = form;
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new ApiError(0, `The server cannot be reached (${e.message}).`, `${method} ${url}`);
  }
  if (response.status === 401) {
    const reason = await reasonOf(response);
    signOut();
    throw new ApiError(401, reason, `${method} ${url}`);
  }
  if (!response.ok) {
    throw new ApiError(response.status, await reasonOf(response), `${method} ${url}`);
  }
  return response;
}

async function body(response) {
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const api = {
  get: async (url) => body(await send('GET', url)),
  put: async (url, json) => body(await send('PUT', url, { json })),
  post: async (url, json) => body(await send('POST', url, { json })),
  del: async (url, headers) => body(await send('DELETE', url, { headers })),
  upload: async (url, form) => body(await send('POST', url, { form })),
  blob: async (url) => (await send('GET', url)).blob(),
};
