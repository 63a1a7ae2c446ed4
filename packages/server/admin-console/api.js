let csrfToken = '';

/** Thrown for an answer that is not 2xx; `status` 401 means the session ended. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function read(response) {
  if (response.status === 204) return null;
  const body = await response.json();
  if (!response.ok) throw new ApiError(response.status, body?.error?.message ?? `HTTP ${response.status}`);
  return body;
}

/** `GET /admin/api/<path>` with `params`. */
export async function get(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== undefined));
  const suffix = query.size > 0 ? `?${query}` : '';
  return read(await fetch(`/admin/api/${path}${suffix}`, { credentials: 'same-origin' }));
}

/** `POST /admin/api/<path>` with JSON and the session's CSRF token. */
export async function post(path, body) {
  const response = await fetch(`/admin/api/${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-coinslot-csrf': csrfToken },
    body: JSON.stringify(body ?? {}),
  });
  return read(response);
}

/** The logged-in session (and its CSRF token), or `undefined`. */
export async function session() {
  try {
    const who = await get('session');
    csrfToken = who.csrfToken;
    return who;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}

/** Logs in; remembers the new session's CSRF token. */
export async function login(name, password) {
  const who = await post('login', { name, password });
  csrfToken = who.csrfToken;
  return who;
}
