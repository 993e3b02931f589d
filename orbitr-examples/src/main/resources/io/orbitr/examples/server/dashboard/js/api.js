// The REST API as the dashboard calls it: the session cookie travels by itself, the CSRF token goes in a header on
// every call that changes something, and every error arrives as an RFC 9457 problem.

let csrf = "";
let me = null;
const listeners = new Set();

/** An API error: the problem's status, detail and the field at fault. */
export class Problem extends Error {
  constructor(status, body) {
    super(body.detail || body.title || `HTTP ${status}`);
    this.status = status;
    this.field = body.field || null;
    this.value = body.value ?? null;
    this.body = body;
  }
}

/** @returns the logged-in account ({name, role}) or null */
export function session() { return me; }

/** Tells fn when the session starts or ends. */
export function onSession(fn) { listeners.add(fn); }

function changed() { listeners.forEach((fn) => fn(me)); }

const ROLES = {viewer: 1, operator: 2, admin: 3};

/** @returns whether the account may do what needs the given role */
export function can(role) { return !!me && ROLES[me.role] >= ROLES[role]; }

export async function request(method, path, body, options = {}) {
  const headers = {Accept: "application/json, application/problem+json, text/plain"};
  let payload;
  if (body !== undefined && body !== null) {
    if (options.raw) {
      payload = body;
      headers["Content-Type"] = options.contentType || "text/plain";
    } else {
      payload = JSON.stringify(body);
      headers["Content-Type"] = "application/json";
    }
  }
  if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  const answer = await fetch(path, {method, headers, body: payload, credentials: "same-origin"});
  if (answer.status === 401 && me && !path.endsWith("/login")) {
    me = null;
    csrf = "";
    changed();
  }
  if (!answer.ok) {
    let problem;
    try { problem = await answer.json(); } catch (e) { problem = {detail: `HTTP ${answer.status}`}; }
    throw new Problem(answer.status, problem);
  }
  if (answer.status === 204) return null;
  const type = answer.headers.get("Content-Type") || "";
  return type.includes("json") ? answer.json() : answer.text();
}

export const get = (path) => request("GET", path);
export const post = (path, body, options) => request("POST", path, body, options);
export const put = (path, body) => request("PUT", path, body);
export const del = (path) => request("DELETE", path);

/** Builds a query string from the defined values. */
export function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== "") q.set(k, v); });
  const text = q.toString();
  return text ? "?" + text : "";
}

/** Finds out whether the browser already has a session (the cookie is HttpOnly, so ask). */
export async function restore() {
  try {
    const answer = await fetch("/api/v1/me", {credentials: "same-origin"});
    if (answer.ok) {
      const body = await answer.json();
      me = {name: body.name, role: body.role};
      csrf = body.csrfToken || "";
    } else {
      me = null;
    }
  } catch (e) {
    me = null;
  }
  changed();
  return me;
}

export async function login(name, password) {
  const body = await post("/api/v1/login", {name, password});
  me = {name: body.name, role: body.role};
  csrf = body.csrfToken || "";
  changed();
  return me;
}

export async function logout() {
  try { await post("/api/v1/logout"); } catch (e) { /* the session may have ended already */ }
  me = null;
  csrf = "";
  changed();
}

/** Encodes one path segment. */
export const seg = (value) => encodeURIComponent(value);
