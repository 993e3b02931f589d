// Small DOM helpers: elements, tables paged by the server, forms that show the server's errors at their fields.
import {Problem, can} from "./api.js";

/** Creates an element: h("button", {class: "x", onclick: fn}, "text", child...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "value") el.value = value;
    else if (key === "checked") el.checked = !!value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const STATUS_CLASS = {UP: "up", DOWN: "down", PENDING: "pending", PAUSED: "paused", UNKNOWN: "unknown",
  running: "up", exited: "down", dead: "down", paused: "paused", restarting: "pending", created: "unknown",
  RUNNING: "up", SUCCEEDED: "up", FAILED: "down", STOPPED: "unknown", STARTING: "pending", CRASHED: "down"};

/** A coloured status badge; the word is always written, colour is never the only sign. */
export function badge(status) {
  const text = String(status ?? "UNKNOWN");
  return h("span", {class: "badge " + (STATUS_CLASS[text] || STATUS_CLASS[text.toUpperCase()] || "unknown"),
    "data-status": text}, text);
}

export function bytes(n) {
  if (n === undefined || n === null) return "";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  let v = Number(n);
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i ? 1 : 0)} ${units[i]}`;
}

export function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString();
}

export function ago(iso) {
  if (!iso) return "";
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** Shows a short message in the live region (screen readers read it). */
export function toast(message, kind = "info") {
  const box = document.getElementById("toasts");
  const item = h("div", {class: "toast " + kind, role: kind === "error" ? "alert" : "status"}, message);
  box.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 8000 : 4000);
}

export function errorText(error) {
  if (error instanceof Problem) return error.detail || error.message;
  return error && error.message ? error.message : String(error);
}

/** Runs an action from a button: disabled while it runs, errors shown. */
export async function act(button, fn, done) {
  if (button) button.disabled = true;
  try {
    const result = await fn();
    if (done) toast(done, "ok");
    return result;
  } catch (e) {
    toast(errorText(e), "error");
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

/** A button shown only to accounts with the role; the server refuses the call anyway. */
export function actionButton(role, label, onclick, attrs = {}) {
  if (!can(role)) return null;
  const button = h("button", {type: "button", ...attrs, "data-role": role}, label);
  button.addEventListener("click", () => act(button, () => onclick(button)));
  return button;
}

/** Asks before something that cannot be undone. */
export function confirmed(question) {
  return window.confirm(question);
}

/**
 * A table whose rows the server pages: fetches `url(limit, cursor)` which answers {items, total?, nextCursor?}.
 * `shown(items, body)`, when given, runs once a page's rows are in place (for columns filled by a second request).
 * @returns {element, reload}
 */
export function pagedTable({caption, columns, load, pageSize = 50, empty = "Nothing here yet.", rowAttrs, shown}) {
  const cursors = [undefined];
  let index = 0;
  const body = h("tbody");
  const status = h("span", {class: "muted", "aria-live": "polite"});
  const prev = h("button", {type: "button", "aria-label": `${caption}: previous page`}, "‹ Previous");
  const next = h("button", {type: "button", "aria-label": `${caption}: next page`}, "Next ›");
  const table = h("table", {class: "list"},
    h("caption", {class: "sr-only"}, caption),
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", {scope: "col"}, c.title)))),
    body);
  const element = h("div", {class: "paged"}, h("div", {class: "scroll-x"}, table),
    h("div", {class: "pager"}, prev, next, status));

  async function show() {
    status.textContent = "Loading…";
    try {
      const page = await load(pageSize, cursors[index]);
      const items = page.items || [];
      fill(body, items.length === 0
        ? h("tr", {}, h("td", {colspan: columns.length, class: "muted"}, empty))
        : items.map((item) => h("tr", rowAttrs ? rowAttrs(item) : {},
          columns.map((c) => h("td", {"data-label": c.title}, c.render(item))))));
      cursors[index + 1] = page.nextCursor;
      prev.disabled = index === 0;
      next.disabled = !page.nextCursor;
      const first = cursors.slice(0, index).length * pageSize + (items.length ? 1 : 0);
      status.textContent = items.length
        ? `${first}–${first + items.length - 1}${page.total !== undefined ? " of " + page.total : ""}`
        : "";
      if (shown && items.length) shown(items, body);
    } catch (e) {
      fill(body, h("tr", {}, h("td", {colspan: columns.length, class: "error", role: "alert"}, errorText(e))));
      status.textContent = "";
    }
  }
  prev.addEventListener("click", () => { if (index > 0) { index--; show(); } });
  next.addEventListener("click", () => { if (cursors[index + 1]) { index++; show(); } });
  show();
  return {element, reload: () => show(), first: () => { index = 0; show(); }};
}

/**
 * A form from field descriptions. Each field: {name, label, type?, required?, options?, value?, hint?, pattern?}.
 * `submit(values)` is called with the values; a Problem naming a field is shown at that field.
 */
export function form({title, fields, submitLabel = "Save", submit, role = "viewer", extra}) {
  const errors = h("div", {class: "form-error", role: "alert", "aria-live": "assertive"});
  const inputs = {};
  const rows = fields.map((f) => {
    const id = "f-" + Math.random().toString(36).slice(2, 9);
    let input;
    if (f.type === "select") {
      input = h("select", {id, name: f.name}, f.options.map((o) => {
        const [value, text] = Array.isArray(o) ? o : [o, o];
        return h("option", {value, selected: String(f.value ?? "") === String(value)}, text);
      }));
    } else if (f.type === "textarea") {
      input = h("textarea", {id, name: f.name, rows: f.rows || 4, spellcheck: "false"}, f.value ?? "");
    } else if (f.type === "checkbox") {
      input = h("input", {id, name: f.name, type: "checkbox", checked: !!f.value});
    } else {
      input = h("input", {id, name: f.name, type: f.type || "text", value: f.value ?? "",
        placeholder: f.placeholder, pattern: f.pattern, min: f.min, max: f.max, step: f.step,
        autocomplete: f.autocomplete || "off"});
    }
    if (f.required) input.required = true;
    const message = h("div", {class: "field-error", id: id + "-error", "data-field": f.name});
    input.setAttribute("aria-describedby", id + "-error" + (f.hint ? " " + id + "-hint" : ""));
    inputs[f.name] = input;
    return h("div", {class: "field" + (f.type === "checkbox" ? " check" : ""), "data-field": f.name},
      h("label", {for: id}, f.label, f.required ? h("span", {class: "req", "aria-hidden": "true"}, " *") : null),
      input,
      f.hint ? h("div", {class: "hint", id: id + "-hint"}, f.hint) : null,
      message);
  });
  const button = h("button", {type: "submit", class: "primary"}, submitLabel);
  const el = h("form", {class: "form", novalidate: true, "aria-label": title},
    title ? h("h3", {}, title) : null, errors, rows, extra || null, h("div", {class: "actions"}, button));

  function values() {
    const out = {};
    for (const f of fields) {
      const input = inputs[f.name];
      if (f.type === "checkbox") out[f.name] = input.checked;
      else out[f.name] = input.value;
    }
    return out;
  }

  function clear() {
    errors.textContent = "";
    el.querySelectorAll(".field-error").forEach((m) => { m.textContent = ""; });
    Object.values(inputs).forEach((i) => i.removeAttribute("aria-invalid"));
  }

  /** Puts a message at a field; falls back to the form's own message. */
  function showError(field, message) {
    const input = field && (inputs[field] || inputs[field.split(/[.[]/)[0]]);
    if (input) {
      const box = el.querySelector(`.field-error[data-field="${CSS.escape(input.name)}"]`);
      box.textContent = box.textContent ? box.textContent + " " + message : message;
      input.setAttribute("aria-invalid", "true");
      return true;
    }
    return false;
  }

  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear();
    for (const f of fields) {
      if (f.required && !inputs[f.name].value) {
        showError(f.name, "is required");
        inputs[f.name].focus();
        return;
      }
    }
    button.disabled = true;
    try {
      await submit(values());
    } catch (e) {
      const mapped = e instanceof Problem ? (e.fieldErrors || [[e.field, e.message]]) : [];
      let placed = false;
      for (const [field, message] of mapped) placed = showError(field, message) || placed;
      if (!placed || !(e instanceof Problem)) errors.textContent = errorText(e);
      else errors.textContent = "The server refused this: see the marked fields.";
      const bad = el.querySelector('[aria-invalid="true"]');
      if (bad) bad.focus();
    } finally {
      button.disabled = false;
    }
  });
  if (!can(role)) {
    el.querySelectorAll("input, select, textarea, button").forEach((i) => { i.disabled = true; });
    button.remove();
  }
  return {element: el, inputs, values, showError, clear};
}

/** A section with a heading. */
export function section(title, ...children) {
  return h("section", {class: "card", "aria-label": title}, h("h2", {}, title), ...children);
}

/** A page's heading and toolbar. */
export function header(title, ...tools) {
  return h("div", {class: "page-head"}, h("h1", {tabindex: "-1"}, title), h("div", {class: "tools"}, tools));
}

/** A collapsible panel (details/summary), for create forms. */
export function panel(summary, content, open = false) {
  return h("details", {class: "panel", open}, h("summary", {}, summary), content);
}

/** Splits "a=b\nc=d" into an object. */
export function pairs(text, field) {
  const out = {};
  for (const line of String(text || "").split(/\n/).map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf("=");
    if (at <= 0) throw new Problem(400, {detail: `'${line}' must be KEY=VALUE`, field});
    out[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  return out;
}

export function lines(text) {
  return String(text || "").split(/\n/).map((l) => l.trim()).filter(Boolean);
}

/** Splits a command line on spaces, keeping quoted words together. */
export function words(text) {
  const out = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(text || ""))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}
