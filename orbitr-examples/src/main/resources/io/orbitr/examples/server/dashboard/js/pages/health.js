// Health: status badges, uptime %, response-time sparkline, score and history per target; add and edit forms made
// from each check type's options; pause and resume; groups. Notifications.
import * as api from "../api.js";
import {h, fill, header, section, badge, pagedTable, form, panel, actionButton, confirmed, toast, when, ago,
  errorText} from "../ui.js";
import {sparkline} from "../spark.js";

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

/**
 * Uptime %, response times and score of a page of targets, from their latest results: one request for the whole
 * page (GET /api/v1/health/recent), filled into each row's cell marked data-insight.
 */
function insights(items, body) {
  const ids = items.map((s) => s.id);
  api.get("/api/v1/health/recent" + api.query({ids: ids.join(","), count: 20})).then((page) => {
    const cells = new Map([...body.querySelectorAll("[data-insight]")].map((c) => [c.dataset.insight, c]));
    for (const {id, results} of page.items) {
      const cell = cells.get(id);
      if (!cell) continue;
      const judged = results.filter((r) => r.status === "UP" || r.status === "DOWN");
      const uptime = judged.length ? (100 * judged.filter((r) => r.status === "UP").length / judged.length) : null;
      const times = results.map((r) => r.durationMillis);
      const s = score(results);
      fill(cell,
        h("span", {class: "uptime", title: "uptime over the last results"}, uptime === null ? "–" : uptime.toFixed(1) + " %"),
        " ", sparkline(times, `response times, last ${times.length}: ${times.slice(-1)[0] ?? "–"} ms latest`),
        " ", h("span", {class: "score", title: "score: UP counts fully, PENDING half, DOWN nothing"},
          s === null ? "" : "score " + s));
    }
  }).catch(() => body.querySelectorAll("[data-insight]").forEach((c) => fill(c)));
}

/**
 * The check types as the server declares them (GET /api/v1/health/check-types): each option's name, type,
 * whether it is required, its default and what it does. The labels above only make the common ones read better.
 */
async function loadCheckTypes() {
  const page = await api.get("/api/v1/health/check-types?limit=1000");
  const out = {};
  for (const t of page.items) {
    const known = CHECK_TYPES[t.id];
    const labels = Object.fromEntries((known ? known.options : []).map((o) => [o.name, o]));
    out[t.id] = {label: known ? known.label : t.id, role: t.adminOnly ? "admin" : undefined,
      options: t.options.map((o) => optionField(o, labels[o.name]))};
  }
  return out;
}

/** A form field for one declared option; its type decides the control. */
function optionField(o, known) {
  const field = {name: o.name, label: known ? known.label : o.name, required: o.required, kind: o.type,
    hint: o.description + (o.defaultValue ? ` (default ${o.defaultValue})` : ""),
    placeholder: known && known.placeholder ? known.placeholder : o.defaultValue || undefined};
  switch (o.type) {
    case "boolean": return {...field, type: "checkbox", value: o.defaultValue === "true", placeholder: undefined};
    case "integer": return {...field, type: "number", step: 1};
    case "map": return {...field, type: "textarea", rows: 2, hint: field.hint + "; one NAME=VALUE per line"};
    default: return known && known.type === "select" ? {...field, type: "select", options: ["", ...known.options]} : field;
  }
}

/** The option's value from the form, typed as the check reads it; undefined when left at its default. */
function optionValue(o, value) {
  if (o.type === "checkbox") return value === !!o.value ? undefined : value;
  if (value === "" || value === undefined) return undefined;
  if (o.type === "number") return Number(value);
  if (o.kind === "map") {
    const out = {};
    for (const line of String(value).split(/\n/).map((l) => l.trim()).filter(Boolean)) {
      const at = line.indexOf("=");
      if (at <= 0) throw new api.Problem(400, {detail: `'${line}' must be NAME=VALUE`, field: o.name});
      out[line.slice(0, at).trim()] = line.slice(at + 1);
    }
    return out;
  }
  return value;
}

function targetForm(existing, done, checkTypes = CHECK_TYPES) {
  const types = Object.entries(checkTypes).filter(([, t]) => !t.role || api.can(t.role));
  const type = existing ? existing.check.type : (checkTypes.http ? "http" : types[0][0]);
  const holder = h("div");
  const typeSelect = h("select", {id: "check-type", name: "type", disabled: !!existing},
    types.map(([key, t]) => h("option", {value: key, selected: key === type}, t.label)));
  function build(kind) {
    const declared = checkTypes[kind].options;
    const shown = (v) => (v !== null && typeof v === "object" ? Object.entries(v).map(([k, x]) => `${k}=${x}`).join("\n") : v);
    const options = declared.map((o) => ({...o, name: "option." + o.name,
      value: existing && existing.check.type === kind && existing.check.options[o.name] !== undefined
        ? shown(existing.check.options[o.name]) : o.value}));
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
        for (const o of declared) {
          const value = optionValue(o, v["option." + o.name]);
          if (value !== undefined) opts[o.name] = value;
        }
        const body = {id: v.id, check: {type: kind, options: opts}};
        if (v.name) body.name = v.name;
        if (v.group) body.group = v.group;
        for (const key of ["intervalSeconds", "timeoutSeconds", "retries"]) if (v[key] !== "") body[key] = Number(v[key]);
        try {
          if (existing) await api.put(`/api/v1/health/targets/${api.seg(existing.id)}`, body);
          else await api.post("/api/v1/health/targets", body);
        } catch (e) {
          // The providers name options by their own keys, sometimes as "type.option": show them at the option's field.
          const option = e.field && String(e.field).replace(new RegExp("^" + kind + "\\."), "");
          if (option && declared.some((o) => o.name === option)) e.field = "option." + option;
          if (e.field === "check.type") e.field = "id";
          throw e;
        }
        toast(existing ? `Saved ${v.id}` : `Added ${v.id}`, "ok");
        done();
      }});
    if (existing) f.inputs.id.readOnly = true;
    f.element.dataset.checkType = kind;
    fill(holder, f.element);
  }
  typeSelect.addEventListener("change", () => build(typeSelect.value));
  build(type);
  return h("div", {class: "target-form"}, h("div", {class: "field"}, h("label", {for: "check-type"}, "Check type"),
    typeSelect), holder);
}

export async function healthPage(root) {
  // The table does not wait for the check types: they only shape the add and edit forms.
  let checkTypes = CHECK_TYPES;
  const types = loadCheckTypes().then((declared) => { checkTypes = declared; }, (e) =>
    toast("The check types could not be read; the form shows the common ones: " + errorText(e), "error"));
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
    shown: insights,
    columns: [
      {title: "Status", render: (s) => badge(s.status)},
      {title: "Name", render: (s) => h("span", {}, s.name, s.name !== s.id ? h("span", {class: "muted"}, ` (${s.id})`) : null)},
      {title: "Group", render: (s) => s.group},
      {title: "Last check", render: (s) => s.last ? h("span", {title: when(s.last.timestamp)},
        `${s.last.message || ""} · ${s.last.durationMillis} ms · ${ago(s.last.timestamp)}`) : h("span", {class: "muted"}, "not yet")},
      {title: "Uptime, response, score", render: (s) => h("span", {class: "insight", "data-insight": s.id})},
      {title: "Actions", render: (s) => h("div", {class: "row-actions"},
        h("button", {type: "button", "aria-label": "History of " + s.name, onclick: () => history(s)}, "History"),
        s.status === "PAUSED"
          ? actionButton("operator", "Resume", async () => { await api.post(`/api/v1/health/targets/${api.seg(s.id)}/resume`); table.reload(); }, {"aria-label": "Resume " + s.name})
          : actionButton("operator", "Pause", async () => { await api.post(`/api/v1/health/targets/${api.seg(s.id)}/pause`); table.reload(); }, {"aria-label": "Pause " + s.name}),
        actionButton("operator", "Edit", async () => {
          await types;
          const target = await findTarget(s.id);
          fill(editor, section("Edit " + s.name, targetForm(target, () => { fill(editor); table.reload(); }, checkTypes)));
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
  const adding = h("div");
  root.append(header("Health", group), adding, editor, table.element);
  if (api.can("operator")) {
    types.then(() => fill(adding, panel("Add a health target", targetForm(null, () => table.first(), checkTypes))));
  }
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
