// Health: status badges, uptime %, response-time sparkline, score and history per target; add and edit forms made
// from each check type's options; pause and resume; groups. Notifications.
import * as api from "../api.js";
import {h, fill, header, section, badge, pagedTable, form, panel, actionButton, confirmed, toast, when, ago,
  errorText} from "../ui.js";
import {sparkline} from "../charts.js";

/** Each check type's options, as its provider declares them (see the check providers' Javadoc). */
export const CHECK_TYPES = {
  http: {label: "HTTP(S)", options: [
    {name: "url", label: "URL", required: true, placeholder: "https://example.org/health"},
    {name: "method", label: "Method", type: "select", options: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]},
    {name: "expected-status", label: "Accepted status codes", placeholder: "200-399"},
    {name: "keyword", label: "Keyword the body must contain"},
    {name: "regex", label: "Pattern the body must contain"},
    {name: "invert", label: "Require the keyword or pattern to be absent", type: "checkbox"},
    {name: "follow-redirects", label: "Follow redirects", type: "checkbox", value: true},
    {name: "verify-tls", label: "Verify TLS certificates", type: "checkbox", value: true}]},
  tcp: {label: "TCP port", options: [
    {name: "host", label: "Host", required: true}, {name: "port", label: "Port", type: "number", required: true, min: 1, max: 65535}]},
  docker: {label: "Docker container", options: [{name: "container", label: "Container name or id", required: true}]},
  command: {label: "Command (admin: runs on the host)", role: "admin", options: [
    {name: "command", label: "Command", required: true, hint: "run with sh -c"},
    {name: "container", label: "Run inside this container instead"}]},
};

function score(results) {
  if (!results.length) return null;
  const points = results.reduce((sum, r) => sum + (r.status === "UP" ? 1 : r.status === "DOWN" ? 0 : 0.5), 0);
  return Math.round((points / results.length) * 100);
}

/** Uptime %, response times and score from the latest results of one target (one page of its history). */
function insight(id, cell) {
  api.get(`/api/v1/health/targets/${api.seg(id)}/history?limit=50`).then((page) => {
    const results = page.items.map((e) => e.result).reverse();
    const judged = results.filter((r) => r.status === "UP" || r.status === "DOWN");
    const uptime = judged.length ? (100 * judged.filter((r) => r.status === "UP").length / judged.length) : null;
    const times = results.map((r) => r.durationMillis);
    const s = score(results);
    fill(cell,
      h("span", {class: "uptime", title: "uptime over the last results"}, uptime === null ? "–" : uptime.toFixed(1) + " %"),
      " ", sparkline(times, `response times, last ${times.length}: ${times.slice(-1)[0] ?? "–"} ms latest`),
      " ", h("span", {class: "score", title: "score: UP counts fully, PENDING half, DOWN nothing"},
        s === null ? "" : "score " + s));
  }).catch(() => fill(cell, ""));
}

function targetForm(existing, done) {
  const type = existing ? existing.check.type : "http";
  const holder = h("div");
  const types = Object.entries(CHECK_TYPES).filter(([, t]) => !t.role || api.can(t.role));
  const typeSelect = h("select", {id: "check-type", name: "type", disabled: !!existing},
    types.map(([key, t]) => h("option", {value: key, selected: key === type}, t.label)));
  function build(kind) {
    const options = CHECK_TYPES[kind].options.map((o) => ({...o, name: "option." + o.name,
      value: existing && existing.check.type === kind && existing.check.options[o.name] !== undefined
        ? existing.check.options[o.name] : o.value}));
    const f = form({title: existing ? `Edit ${existing.name}` : "Add a health target", role: "operator",
      submitLabel: existing ? "Save" : "Add",
      fields: [
        {name: "id", label: "Id", required: true, value: existing && existing.id, hint: "letters, digits, '-', '_', '.'"},
        {name: "name", label: "Name", value: existing && existing.name},
        {name: "group", label: "Group", value: existing && existing.group},
        ...options,
        {name: "intervalSeconds", label: "Interval (s)", type: "number", min: 1, value: existing ? existing.intervalSeconds : 60},
        {name: "timeoutSeconds", label: "Timeout (s)", type: "number", min: 1, value: existing && existing.timeoutSeconds},
        {name: "retries", label: "Retries before DOWN", type: "number", min: 0, value: existing ? existing.retries : 0},
      ],
      submit: async (v) => {
        const opts = {};
        for (const o of CHECK_TYPES[kind].options) {
          const value = v["option." + o.name];
          if (o.type === "checkbox") { if (value !== !!o.value) opts[o.name] = value; }
          else if (value !== "" && value !== undefined) opts[o.name] = o.type === "number" ? Number(value) : value;
        }
        const body = {id: v.id, check: {type: kind, options: opts}};
        if (v.name) body.name = v.name;
        if (v.group) body.group = v.group;
        for (const key of ["intervalSeconds", "timeoutSeconds", "retries"]) if (v[key] !== "") body[key] = Number(v[key]);
        try {
          if (existing) await api.put(`/api/v1/health/targets/${api.seg(existing.id)}`, body);
          else await api.post("/api/v1/health/targets", body);
        } catch (e) {
          // The providers name options by their own keys; show them at the option's field.
          if (e.field && CHECK_TYPES[kind].options.some((o) => o.name === e.field)) e.field = "option." + e.field;
          if (e.field === "check.type") e.field = "id";
          throw e;
        }
        toast(existing ? `Saved ${v.id}` : `Added ${v.id}`, "ok");
        done();
      }});
    if (existing) f.inputs.id.readOnly = true;
    fill(holder, f.element);
  }
  typeSelect.addEventListener("change", () => build(typeSelect.value));
  build(type);
  return h("div", {class: "target-form"}, h("div", {class: "field"}, h("label", {for: "check-type"}, "Check type"),
    typeSelect), holder);
}

export async function healthPage(root) {
  const group = h("input", {type: "search", id: "health-group", placeholder: "group", "aria-label": "Show one group"});
  const editor = h("div");
  let table;
  const targets = new Map();
  table = pagedTable({caption: "Health targets", pageSize: 50, empty: "No health target yet.",
    load: async (limit, cursor) => {
      const page = await api.get("/api/v1/health" + api.query({limit, cursor, group: group.value}));
      return page;
    },
    rowAttrs: (s) => ({"data-target": s.id}),
    columns: [
      {title: "Status", render: (s) => badge(s.status)},
      {title: "Name", render: (s) => h("span", {}, s.name, s.name !== s.id ? h("span", {class: "muted"}, ` (${s.id})`) : null)},
      {title: "Group", render: (s) => s.group},
      {title: "Last check", render: (s) => s.last ? h("span", {title: when(s.last.timestamp)},
        `${s.last.message || ""} · ${s.last.durationMillis} ms · ${ago(s.last.timestamp)}`) : h("span", {class: "muted"}, "not yet")},
      {title: "Uptime, response, score", render: (s) => { const cell = h("span", {class: "insight"}); insight(s.id, cell); return cell; }},
      {title: "Actions", render: (s) => h("div", {class: "row-actions"},
        h("button", {type: "button", "aria-label": "History of " + s.name, onclick: () => history(s)}, "History"),
        s.status === "PAUSED"
          ? actionButton("operator", "Resume", async () => { await api.post(`/api/v1/health/targets/${api.seg(s.id)}/resume`); table.reload(); }, {"aria-label": "Resume " + s.name})
          : actionButton("operator", "Pause", async () => { await api.post(`/api/v1/health/targets/${api.seg(s.id)}/pause`); table.reload(); }, {"aria-label": "Pause " + s.name}),
        actionButton("operator", "Edit", async () => {
          const target = await findTarget(s.id);
          fill(editor, section("Edit " + s.name, targetForm(target, () => { fill(editor); table.reload(); })));
          editor.scrollIntoView();
          editor.querySelector("input:not([readonly])")?.focus();
        }, {"aria-label": "Edit " + s.name}),
        actionButton("admin", "Remove", async () => {
          if (!confirmed(`Stop monitoring ${s.name} and forget its history?`)) return;
          await api.del(`/api/v1/health/targets/${api.seg(s.id)}`);
          table.reload();
        }, {"aria-label": "Remove " + s.name, class: "danger"}))},
    ]});

  async function findTarget(id) {
    let cursor;
    do {
      const page = await api.get("/api/v1/health/targets" + api.query({limit: 1000, cursor}));
      const found = page.items.find((t) => t.id === id);
      if (found) return found;
      cursor = page.nextCursor;
    } while (cursor);
    throw new Error(`target ${id} is gone`);
  }

  function history(s) {
    const list = pagedTable({caption: "History of " + s.name, pageSize: 20,
      load: (limit, cursor) => api.get(`/api/v1/health/targets/${api.seg(s.id)}/history` + api.query({limit, cursor})),
      columns: [{title: "When", render: (e) => when(e.result.timestamp)}, {title: "Status", render: (e) => badge(e.result.status)},
        {title: "Time", render: (e) => e.result.durationMillis + " ms"}, {title: "Message", render: (e) => e.result.message}]});
    fill(editor, section("History of " + s.name, list.element,
      h("button", {type: "button", onclick: () => fill(editor)}, "Close")));
    editor.scrollIntoView();
  }

  let timer;
  group.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => table.first(), 250); });
  const refresh = setInterval(() => table.reload(), 10000);
  root.append(header("Health", group),
    api.can("operator") ? panel("Add a health target", targetForm(null, () => table.first())) : null,
    editor, table.element);
  return () => clearInterval(refresh);
}

export async function notificationsPage(root) {
  const unread = h("input", {type: "checkbox", id: "notes-unread"});
  let table;
  table = pagedTable({caption: "Notifications", pageSize: 50, empty: "No notifications.",
    load: (limit, cursor) => api.get("/api/v1/notifications" + api.query({limit, cursor, unread: unread.checked || undefined})),
    rowAttrs: (n) => ({class: n.read ? "read" : "unread", "data-notification": n.id}),
    columns: [
      {title: "When", render: (n) => when(n.time)},
      {title: "Target", render: (n) => n.targetName || n.targetId},
      {title: "Change", render: (n) => h("span", {}, badge(n.from), " → ", badge(n.to))},
      {title: "Message", render: (n) => n.message},
      {title: "", render: (n) => n.read ? h("span", {class: "muted"}, "read")
        : actionButton("operator", "Mark read", async () => { await api.post(`/api/v1/notifications/${n.id}/read`); table.reload(); },
          {"aria-label": "Mark notification " + n.id + " read"})},
    ]});
  unread.addEventListener("change", () => table.first());
  root.append(header("Notifications", h("label", {class: "inline", for: "notes-unread"}, unread, " unread only"),
    actionButton("operator", "Mark all read", async () => {
      const {count} = await api.post("/api/v1/notifications/read");
      toast(`${count} marked read`, "ok");
      table.reload();
    })), table.element);
  const refresh = setInterval(() => table.reload(), 10000);
  return () => clearInterval(refresh);
}
