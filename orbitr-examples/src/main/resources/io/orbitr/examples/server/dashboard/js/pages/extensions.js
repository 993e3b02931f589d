// Extensions: the catalog with categories and search, an install form generated from the manifest's typed inputs,
// the installed list with each one's status, start/stop, upgrade, and uninstall with a keep-data choice.
// Install and upgrade are jobs: the page follows them over /ws (and polls as a fallback).
import * as api from "../api.js";
import {h, fill, header, section, badge, pagedTable, form, actionButton, confirmed, toast, when,
  errorText} from "../ui.js";
import {LiveSocket} from "../socket.js";

/** The form field for one manifest input: the input's type decides the control and its checks. */
function inputField(input) {
  const field = {name: "input." + input.name, label: input.label || input.name, required: input.required,
    hint: input.description || undefined, value: input.defaultValue};
  switch (input.type) {
    case "password": return {...field, type: "password", autocomplete: "new-password", value: ""};
    case "number": return {...field, type: "number", min: input.min, max: input.max, step: "any"};
    case "port": return {...field, type: "number", min: input.min ?? 1, max: input.max ?? 65535};
    case "boolean": return {...field, type: "checkbox", value: input.defaultValue === "true"};
    case "select": return {...field, type: "select", options: (input.required ? [] : [["", "(none)"]])
      .concat(input.options)};
    case "email": return {...field, type: "email"};
    case "url": return {...field, type: "url", placeholder: "https://…"};
    case "hostname": return {...field, placeholder: "host.example.org"};
    default: return {...field, pattern: input.pattern};
  }
}

/** Waits for a job to end: over the WebSocket when it can, by polling otherwise; shows its progress. */
function followJob(job, progressEl) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (j) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      socket.close();
      resolve(j);
    };
    const show = (j) => {
      progressEl.textContent = j.state === "RUNNING" ? (j.progress || "working…") : (j.message || j.state);
      progressEl.dataset.state = j.state;
      if (j.state !== "RUNNING") finish(j);
    };
    const socket = new LiveSocket({
      onOpen: (send) => send({type: "subscribe_jobs"}),
      onMessage: (m) => { if (m.type === "job" && m.job.id === job.id) show(m.job); },
    });
    const poll = setInterval(() => api.get(`/api/v1/jobs/${api.seg(job.id)}`).then(show).catch(() => {}), 2000);
    show(job);
  });
}

/** The engine endpoint to install on: a choice only when the server manages more than one. */
function engineField(engines) {
  return engines.length > 1 ? [{name: "engine", label: "Engine", type: "select", options: engines, value: "local",
    hint: "The engine endpoint the extension runs on; it stays there."}] : [];
}

function installForm(entry, engines, done) {
  const m = entry.manifest;
  const progress = h("p", {class: "job-progress", id: "install-progress", "aria-live": "polite"});
  const f = form({title: `Install ${m.name} ${m.version}`, role: "admin", submitLabel: "Install",
    fields: engineField(engines).concat(m.inputs.map(inputField)),
    extra: progress,
    submit: async (values) => {
      const inputs = {};
      for (const input of m.inputs) {
        const value = values["input." + input.name];
        if (input.type === "boolean") inputs[input.name] = String(!!value);
        else if (value !== "" && value !== undefined) inputs[input.name] = String(value);
      }
      const job = await api.post("/api/v1/extensions", {id: m.id, inputs, engine: values.engine || "local"});
      const end = await followJob(job, progress);
      if (end.state !== "SUCCEEDED") {
        // The manager names problems by their path ("inputs.NAME: ..."): put each at its field.
        const placed = [...String(end.message).matchAll(/inputs\.([A-Za-z0-9_]+)[^\n]*/g)]
          .map((match) => f.showError("input." + match[1], match[0])).some(Boolean);
        throw new api.Problem(400, {detail: (placed ? "See the marked fields. " : "") + end.message});
      }
      toast(`Installed ${m.name}`, "ok");
      done();
    }});
  f.element.dataset.extension = m.id;
  return f.element;
}

function statusDetails(id, holder) {
  api.get(`/api/v1/extensions/${api.seg(id)}`).then((s) => fill(holder,
    h("dl", {class: "facts"},
      h("dt", {}, "Health"), h("dd", {}, badge(s.health)),
      h("dt", {}, "Address"), h("dd", {}, s.url ? h("a", {href: s.url, rel: "noopener", target: "_blank"}, s.url) : "no route"),
      h("dt", {}, "Containers"), h("dd", {}, s.services.map((c) => h("div", {}, badge(c.status || "missing"), " ",
        h("a", {href: "#/container/" + encodeURIComponent(c.container)}, c.container), ` (${c.service})`))),
      h("dt", {}, "Checks"), h("dd", {}, s.checks.length ? s.checks.map((c) => h("div", {}, badge(c.status), " ",
        c.name)) : "none"),
      s.differences.length ? [h("dt", {}, "Differences"), h("dd", {}, s.differences.map((d) => h("div", {}, d)))]
        : null)))
    .catch((e) => fill(holder, h("p", {class: "error", role: "alert"}, errorText(e))));
}

export async function extensionsPage(root) {
  const search = h("input", {type: "search", id: "catalog-search", placeholder: "search the catalog…",
    "aria-label": "Search the catalog"});
  const category = h("select", {id: "catalog-category", "aria-label": "Category"}, h("option", {value: ""}, "all categories"));
  const formHolder = h("div", {id: "install-form"});
  const details = h("div", {id: "extension-details"});
  let installed;
  let catalog;
  let engines = ["local"];
  api.get("/api/v1/engines?limit=100").then((page) => { engines = page.items.map((e) => e.name); })
    .catch(() => {});

  // Categories: from the whole catalog (paged by the server; the first thousand entries are plenty for a list).
  api.get("/api/v1/extension-catalog?limit=1000").then((page) => {
    const names = [...new Set(page.items.map((e) => e.manifest.category).filter(Boolean))].sort();
    names.forEach((c) => category.append(h("option", {value: c}, c)));
  }).catch(() => {});

  catalog = pagedTable({caption: "Catalog", pageSize: 25, empty: "Nothing in the catalog matches.",
    load: (limit, cursor) => api.get("/api/v1/extension-catalog" + api.query({limit, cursor, q: search.value,
      category: category.value})),
    rowAttrs: (e) => ({"data-catalog": e.id}),
    columns: [
      {title: "Name", render: (e) => h("span", {}, h("strong", {}, e.manifest.name), " ",
        h("span", {class: "muted"}, e.manifest.version))},
      {title: "Category", render: (e) => e.manifest.category || ""},
      {title: "Description", render: (e) => e.manifest.description || ""},
      {title: "", render: (e) => e.installed ? h("span", {class: "muted"}, "installed")
        : actionButton("admin", "Install…", async () => {
          fill(formHolder, section(`Install ${e.manifest.name}`, installForm(e, engines, () => {
            fill(formHolder);
            installed.reload();
            catalog.reload();
          }), h("button", {type: "button", onclick: () => fill(formHolder)}, "Cancel")));
          formHolder.scrollIntoView();
          formHolder.querySelector("input, select")?.focus();
        }, {"aria-label": "Install " + e.manifest.name, "data-action": "install"})},
    ]});

  const upgradeProgress = h("p", {class: "job-progress", "aria-live": "polite"});
  installed = pagedTable({caption: "Installed extensions", pageSize: 25, empty: "No extension installed.",
    load: (limit, cursor) => api.get("/api/v1/extensions" + api.query({limit, cursor})),
    rowAttrs: (e) => ({"data-extension": e.id}),
    columns: [
      {title: "Name", render: (e) => h("span", {}, e.name, h("span", {class: "muted"}, ` (${e.id})`))},
      {title: "Version", render: (e) => e.version},
      {title: "Engine", render: (e) => e.engine || "local"},
      {title: "State", render: (e) => badge(e.state === "RUNNING" ? "running" : e.state)},
      {title: "Health", render: (e) => {
        const cell = h("span", {class: "ext-health"});
        api.get(`/api/v1/extensions/${api.seg(e.id)}`).then((s) => fill(cell, badge(s.health))).catch(() => {});
        return cell;
      }},
      {title: "Installed", render: (e) => when(e.installedAt)},
      {title: "Actions", render: (e) => h("div", {class: "row-actions"},
        h("button", {type: "button", "aria-label": "Status of " + e.name, onclick: () => {
          fill(details, section("Status of " + e.name, h("div", {}, "Loading…")));
          statusDetails(e.id, details.querySelector("section div"));
        }}, "Status"),
        e.state === "STOPPED"
          ? actionButton("operator", "Start", async () => { await api.post(`/api/v1/extensions/${api.seg(e.id)}/start`); installed.reload(); }, {"aria-label": "Start " + e.name})
          : actionButton("operator", "Stop", async () => { await api.post(`/api/v1/extensions/${api.seg(e.id)}/stop`); installed.reload(); }, {"aria-label": "Stop " + e.name}),
        actionButton("admin", "Upgrade", async () => {
          const job = await api.post(`/api/v1/extensions/${api.seg(e.id)}/upgrade`, {});
          fill(details, section("Upgrading " + e.name, upgradeProgress));
          const end = await followJob(job, upgradeProgress);
          toast(end.state === "SUCCEEDED" ? end.message : `Upgrade failed: ${end.message}`,
            end.state === "SUCCEEDED" ? "ok" : "error");
          installed.reload();
        }, {"aria-label": "Upgrade " + e.name}),
        actionButton("admin", "Uninstall", async () => uninstall(e), {"aria-label": "Uninstall " + e.name,
          class: "danger", "data-action": "uninstall"}))},
    ]});

  function uninstall(e) {
    const keep = h("input", {type: "checkbox", id: "uninstall-keep", checked: true});
    const go = h("button", {type: "button", class: "danger", id: "uninstall-confirm"}, `Uninstall ${e.name}`);
    go.addEventListener("click", async () => {
      go.disabled = true;
      try {
        await api.del(`/api/v1/extensions/${api.seg(e.id)}` + api.query({purge: keep.checked ? undefined : true}));
        toast(`Uninstalled ${e.name}` + (keep.checked ? " (data kept)" : " and its data"), "ok");
        fill(details);
        installed.reload();
        catalog.reload();
      } catch (err) {
        toast(errorText(err), "error");
        go.disabled = false;
      }
    });
    fill(details, section("Uninstall " + e.name,
      h("p", {}, "Its containers, network, health checks and route are removed."),
      h("label", {class: "inline", for: "uninstall-keep"}, keep, " keep its data volumes (a reinstall finds them)"),
      h("div", {class: "actions"}, go, h("button", {type: "button", onclick: () => fill(details)}, "Cancel"))));
    details.scrollIntoView();
  }

  let timer;
  search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => catalog.first(), 250); });
  category.addEventListener("change", () => catalog.first());
  root.append(header("Extensions"), details,
    section("Installed", installed.element),
    section("Catalog", h("div", {class: "tools"}, search, category), formHolder, catalog.element));
  const refresh = setInterval(() => installed.reload(), 10000);
  return () => clearInterval(refresh);
}
