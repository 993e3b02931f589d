// Settings; accounts, tokens and the audit log (admin); jobs; pages waiting for their endpoints.
import * as api from "../api.js";
import {h, fill, header, section, badge, pagedTable, form, panel, actionButton, confirmed, toast, when,
  errorText} from "../ui.js";

export async function settingsPage(root) {
  const s = await api.get("/api/v1/settings");
  const facts = h("dl", {class: "facts"},
    [["Docker host", s.dockerHost], ["Data directory", s.dataDirectory], ["Version", s.version], ["Build", s.build],
      ["Licence", s.licence]].map(([k, v]) => [h("dt", {}, k), h("dd", {}, v || "–")]));
  const edit = form({title: "Settings", role: "admin", submitLabel: "Save settings",
    fields: [
      {name: "proxyProvider", label: "Proxy provider", type: "select", options: ["caddy", "traefik"], value: s.proxyProvider},
      {name: "defaultDomain", label: "Default domain", value: s.defaultDomain || ""},
      {name: "subdomainRouting", label: "Routing of extensions", type: "select",
        options: [["SUBDOMAIN", "by subdomain"], ["PATH", "by path"]], value: s.subdomainRouting},
      {name: "autoUpdateExtensions", label: "Update extensions automatically", type: "checkbox", value: s.autoUpdateExtensions},
      {name: "telemetry", label: "Telemetry", type: "checkbox", value: s.telemetry},
    ],
    submit: async (v) => {
      const body = {proxyProvider: v.proxyProvider, subdomainRouting: v.subdomainRouting,
        autoUpdateExtensions: v.autoUpdateExtensions, telemetry: v.telemetry};
      if (v.defaultDomain) body.defaultDomain = v.defaultDomain;
      await api.put("/api/v1/settings", body);
      toast("Settings saved", "ok");
    }});
  root.append(header("Settings"), section("This server", facts), section("Behaviour", edit.element),
    section("API", h("p", {}, h("a", {href: "/api/docs"}, "The REST API's documentation"), " · ",
      h("a", {href: "/api/v1/openapi.json"}, "OpenAPI document"))));
}

export async function usersPage(root) {
  let accounts;
  let tokens;
  const secret = h("div", {"aria-live": "polite"});
  accounts = pagedTable({caption: "Accounts", pageSize: 50,
    load: (limit, cursor) => api.get("/api/v1/accounts" + api.query({limit, cursor})),
    columns: [{title: "Name", render: (a) => a.name}, {title: "Role", render: (a) => a.role},
      {title: "Created", render: (a) => when(a.createdAt)},
      {title: "Actions", render: (a) => actionButton("admin", "Remove", async () => {
        if (!confirmed(`Remove account ${a.name}?`)) return;
        await api.del(`/api/v1/accounts/${api.seg(a.name)}`);
        accounts.reload();
      }, {"aria-label": "Remove account " + a.name, class: "danger"})}]});
  tokens = pagedTable({caption: "API tokens", pageSize: 50, empty: "No token yet.",
    load: (limit, cursor) => api.get("/api/v1/tokens" + api.query({limit, cursor})),
    columns: [{title: "Name", render: (t) => t.name}, {title: "Role", render: (t) => t.role},
      {title: "Created", render: (t) => when(t.createdAt)}, {title: "Expires", render: (t) => when(t.expiresAt) || "never"},
      {title: "Actions", render: (t) => actionButton("admin", "Revoke", async () => {
        if (!confirmed(`Revoke token ${t.name}?`)) return;
        await api.del(`/api/v1/tokens/${api.seg(t.id)}`);
        tokens.reload();
      }, {"aria-label": "Revoke token " + t.name, class: "danger"})}]});
  const roles = [["viewer", "viewer: reads"], ["operator", "operator: also starts, stops, follows logs"],
    ["admin", "admin: everything"]];
  const newAccount = form({title: "Add an account", role: "admin", submitLabel: "Add",
    fields: [{name: "name", label: "Name", required: true, autocomplete: "off"},
      {name: "password", label: "Password (10 characters or more)", type: "password", required: true, autocomplete: "new-password"},
      {name: "role", label: "Role", type: "select", options: roles}],
    submit: async (v) => {
      await api.post("/api/v1/accounts", v);
      toast(`Added ${v.name}`, "ok");
      accounts.first();
    }});
  const newToken = form({title: "Create an API token", role: "admin", submitLabel: "Create",
    fields: [{name: "name", label: "Name", required: true}, {name: "role", label: "Role", type: "select", options: roles},
      {name: "expiresInDays", label: "Expires after (days, empty for never)", type: "number", min: 1}],
    submit: async (v) => {
      const body = {name: v.name, role: v.role};
      if (v.expiresInDays) body.expiresInSeconds = Number(v.expiresInDays) * 86400;
      const t = await api.post("/api/v1/tokens", body);
      fill(secret, h("div", {class: "card secret", role: "alert"}, h("p", {}, "The token, shown this once:"),
        h("code", {id: "new-token"}, t.token)));
      tokens.first();
    }});
  root.append(header("Users & tokens"), section("Accounts", panel("Add an account", newAccount.element), accounts.element),
    section("API tokens", panel("Create a token", newToken.element), secret, tokens.element));
}

export async function auditPage(root) {
  const table = pagedTable({caption: "Audit log", pageSize: 100,
    load: (limit, cursor) => api.get("/api/v1/audit" + api.query({limit, cursor})),
    columns: [{title: "When", render: (e) => when(e.at)}, {title: "Who", render: (e) => e.actor},
      {title: "Operation", render: (e) => e.operation}, {title: "Object", render: (e) => e.object || ""},
      {title: "Request", render: (e) => h("code", {}, `${e.method || ""} ${e.path || ""}`)},
      {title: "Result", render: (e) => h("span", {class: e.status < 400 ? "ok-text" : "error"}, e.status)}]});
  root.append(header("Audit log"), table.element);
}

export async function jobsPage(root) {
  const table = pagedTable({caption: "Jobs", pageSize: 50, empty: "No job yet.",
    load: (limit, cursor) => api.get("/api/v1/jobs" + api.query({limit, cursor})),
    columns: [{title: "Started", render: (j) => when(j.createdAt)}, {title: "Kind", render: (j) => j.kind},
      {title: "Subject", render: (j) => j.subject || ""}, {title: "State", render: (j) => badge(j.state)},
      {title: "Progress", render: (j) => j.state === "RUNNING" ? j.progress || "" : j.message || ""},
      {title: "By", render: (j) => j.createdBy || ""}]});
  root.append(header("Jobs"), table.element);
  const refresh = setInterval(() => table.reload(), 5000);
  return () => clearInterval(refresh);
}

/** A page whose endpoints this server does not have yet. */
export function placeholderPage(title, text) {
  return async (root) => {
    root.append(header(title), section(title, h("p", {class: "muted"}, text)));
  };
}
