// jd-client: saved configurations (a form whose fields are the TOML keys, so the server's validation errors land at
// their fields; the server's TOML preview; import; set active), instances, metrics charts, updates, keys.
import * as api from "../api.js";
import {h, fill, header, section, badge, pagedTable, form, panel, actionButton, confirmed, toast, when,
  errorText} from "../ui.js";
import {timeChart} from "../charts.js";
import {LiveSocket} from "../socket.js";

const TABS = [["configs", "Configurations"], ["instances", "Instances"], ["metrics", "Metrics"],
  ["updates", "Updates"], ["keys", "Keys"]];

/** A TOML basic string. */
const q = (s) => '"' + String(s).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") + '"';
/** A TOML float: always with a decimal point. */
const float = (s) => (/^-?\d+$/.test(String(s).trim()) ? String(s).trim() + ".0" : String(s).trim());

/** Renders the form's values as the TOML jd-client reads (the server checks every key). */
export function configToml(v) {
  const out = ["# jd-client configuration written by the Orbitr dashboard"];
  const str = (key) => { if (v[key] !== "") out.push(`${key} = ${q(v[key])}`); };
  const num = (key, convert = (x) => x) => { if (v[key] !== "") out.push(`${key} = ${convert(v[key])}`); };
  str("listening_address");
  out.push("max_supported_version = 2", "min_supported_version = 2");
  str("authority_public_key");
  str("authority_secret_key");
  out.push("cert_validity_sec = 3600");
  num("shares_per_minute", float);
  num("share_batch_size");
  str("mode");
  str("jdc_signature");
  str("coinbase_reward_script");
  const solo = v.mode === "SOLOMINING" && !v["upstreams[0].pool_address"];
  if (solo) out.push("upstreams = []");
  out.push("", "[template_provider_type.Sv2Tp]");
  if (v["template_provider_type.Sv2Tp.address"] !== "") {
    out.push(`address = ${q(v["template_provider_type.Sv2Tp.address"])}`);
  }
  if (!solo) {
    out.push("", "[[upstreams]]");
    for (const key of ["authority_pubkey", "pool_address", "pool_port", "jds_address", "jds_port", "user_identity"]) {
      const value = v[`upstreams[0].${key}`];
      if (value === "") continue;
      out.push(`${key} = ${key.endsWith("_port") && /^\d+$/.test(value) ? value : q(value)}`);
    }
  }
  return out.join("\n") + "\n";
}

/** Splits the server's problem into one message per field (it lists every problem of a configuration). */
function perField(e) {
  if (!(e instanceof api.Problem)) return e;
  const found = [];
  const re = /invalid ([A-Za-z0-9_.[\]]+) '((?:[^']|'(?!: ))*)': (.*?)(?=; invalid [A-Za-z0-9_.[\]]+ '|$)/g;
  let m;
  while ((m = re.exec(e.message))) found.push([m[1], `'${m[2]}': ${m[3]}`]);
  e.fieldErrors = found.length ? found : [[e.field, e.message]];
  return e;
}

function configForm(done, preview) {
  const f = form({title: "New configuration", role: "admin", submitLabel: "Save configuration",
    fields: [
      {name: "name", label: "Name", required: true, hint: "letters, digits, '-', '_'"},
      {name: "description", label: "Description"},
      {name: "listening_address", label: "Listening address (listening_address)", value: "0.0.0.0:34265"},
      {name: "authority_public_key", label: "Authority public key (authority_public_key)"},
      {name: "authority_secret_key", label: "Authority secret key (authority_secret_key)", type: "password",
        autocomplete: "new-password"},
      {name: "shares_per_minute", label: "Shares per minute", value: "6.0"},
      {name: "share_batch_size", label: "Share batch size", type: "number", value: 10, min: 1},
      {name: "mode", label: "Mode", type: "select", options: ["FULLTEMPLATE", "COINBASEONLY", "SOLOMINING"]},
      {name: "jdc_signature", label: "Signature in the coinbase (jdc_signature)"},
      {name: "coinbase_reward_script", label: "Coinbase reward script (an output descriptor)",
        placeholder: "wpkh(02…)"},
      {name: "template_provider_type.Sv2Tp.address", label: "Template provider address (Sv2Tp)",
        placeholder: "127.0.0.1:8442"},
      {name: "upstreams[0].authority_pubkey", label: "Pool authority public key"},
      {name: "upstreams[0].pool_address", label: "Pool address", placeholder: "127.0.0.1"},
      {name: "upstreams[0].pool_port", label: "Pool port", type: "number", value: 34254},
      {name: "upstreams[0].jds_address", label: "Job declarator address", placeholder: "127.0.0.1"},
      {name: "upstreams[0].jds_port", label: "Job declarator port", type: "number", value: 34264},
      {name: "upstreams[0].user_identity", label: "User identity"},
    ],
    extra: api.can("operator") ? h("div", {class: "actions"}, h("button", {type: "button", id: "jdc-generate-keys",
      onclick: async () => {
        try {
          const pair = await api.post("/api/v1/jdc/keys/generate");
          f.inputs.authority_public_key.value = pair.publicKey;
          f.inputs.authority_secret_key.value = pair.secretKey;
          toast("A new key pair is in the form (not stored until saved)", "ok");
        } catch (e) { toast(errorText(e), "error"); }
      }}, "Generate an authority key pair")) : null,
    submit: async (v) => {
      try {
        await api.post("/api/v1/jdc/configs", {name: v.name, description: v.description, toml: configToml(v)});
      } catch (e) {
        throw perField(e);
      }
      toast(`Saved ${v.name}`, "ok");
      done();
      preview(v.name);
    }});
  f.element.id = "jdc-config-form";
  return f;
}

async function configsTab(root) {
  const previewBox = h("pre", {class: "code", id: "jdc-toml-preview", tabindex: "0", "aria-label": "TOML preview"});
  const previewTitle = h("h3", {}, "TOML preview");
  const previewSection = h("section", {class: "card", hidden: true, "aria-label": "TOML preview"}, previewTitle, previewBox);
  const editor = h("div");
  async function preview(name) {
    previewSection.hidden = false;
    previewTitle.textContent = `TOML of ${name}`;
    try {
      previewBox.textContent = api.can("admin")
        ? await api.get(`/api/v1/jdc/configs/${api.seg(name)}/toml`)
        : (await api.get(`/api/v1/jdc/configs/${api.seg(name)}`)).toml;
    } catch (e) { previewBox.textContent = errorText(e); }
  }
  let table;
  table = pagedTable({caption: "Saved configurations", pageSize: 25, empty: "No configuration saved yet.",
    load: (limit, cursor) => api.get("/api/v1/jdc/configs" + api.query({limit, cursor})),
    columns: [
      {title: "Name", render: (c) => h("span", {}, c.name, c.active ? h("span", {class: "badge up"}, "active") : null)},
      {title: "Description", render: (c) => c.description || ""},
      {title: "Updated", render: (c) => when(c.updatedAt || c.createdAt)},
      {title: "Actions", render: (c) => h("div", {class: "row-actions"},
        h("button", {type: "button", "aria-label": "TOML of " + c.name, onclick: () => preview(c.name)}, "TOML"),
        c.active ? null : actionButton("admin", "Set active", async () => {
          await api.put("/api/v1/jdc/active-config", {name: c.name});
          toast(`${c.name} is active`, "ok");
          table.reload();
        }, {"aria-label": "Set " + c.name + " active"}),
        actionButton("admin", "Edit", async () => {
          const toml = await api.get(`/api/v1/jdc/configs/${api.seg(c.name)}/toml`);
          const edit = form({title: `Edit ${c.name}`, role: "admin", fields: [
            {name: "description", label: "Description", value: c.description || ""},
            {name: "toml", label: "TOML", type: "textarea", rows: 18, value: toml}],
          submit: async (v) => {
            await api.put(`/api/v1/jdc/configs/${api.seg(c.name)}`, {name: c.name, description: v.description, toml: v.toml})
              .catch((e) => { throw Object.assign(perField(e), {fieldErrors: [["toml", e.message]]}); });
            toast(`Saved ${c.name}`, "ok");
            fill(editor);
            table.reload();
            preview(c.name);
          }});
          fill(editor, edit.element);
          edit.inputs.description.focus();
        }, {"aria-label": "Edit " + c.name}),
        actionButton("admin", "Delete", async () => {
          if (!confirmed(`Delete configuration ${c.name}?`)) return;
          await api.del(`/api/v1/jdc/configs/${api.seg(c.name)}`);
          table.reload();
        }, {"aria-label": "Delete " + c.name, class: "danger"}))},
    ]});
  const create = configForm(() => table.first(), preview);
  const importForm = form({title: "Import a TOML file", role: "admin", submitLabel: "Import",
    fields: [{name: "name", label: "Name", required: true}, {name: "description", label: "Description"},
      {name: "toml", label: "TOML", type: "textarea", rows: 8, hint: "paste the file, or choose it below"}],
    extra: h("div", {class: "field"}, h("label", {for: "jdc-import-file"}, "File"),
      h("input", {type: "file", id: "jdc-import-file", accept: ".toml,text/plain", onchange: async (e) => {
        const file = e.target.files[0];
        if (file) importForm.inputs.toml.value = await file.text();
      }})),
    submit: async (v) => {
      await api.post("/api/v1/jdc/configs/import" + api.query({name: v.name, description: v.description}), v.toml,
        {raw: true, contentType: "application/toml"}).catch((e) => {
        throw Object.assign(perField(e), {fieldErrors: e.field === "name" ? [["name", e.message]] : [["toml", e.message]]});
      });
      toast(`Imported ${v.name}`, "ok");
      table.first();
      preview(v.name);
    }});
  root.append(api.can("admin") ? panel("New configuration", create.element, true) : null,
    api.can("admin") ? panel("Import a TOML file", importForm.element) : null,
    previewSection, editor, table.element);
}

async function instancesTab(root) {
  const detail = h("div");
  let table;
  table = pagedTable({caption: "Instances", pageSize: 25, empty: "No instance yet.",
    load: (limit, cursor) => api.get("/api/v1/jdc/instances" + api.query({limit, cursor})),
    rowAttrs: (i) => ({"data-instance": i.name}),
    columns: [
      {title: "Name", render: (i) => i.name},
      {title: "State", render: (i) => badge(i.state)},
      {title: "Wanted", render: (i) => i.desiredState},
      {title: "PID", render: (i) => i.pid ?? ""},
      {title: "Restarts", render: (i) => i.restarts ?? 0},
      {title: "Version", render: (i) => i.binaryVersion || "installed"},
      {title: "Actions", render: (i) => {
        const id = api.seg(i.id);
        const verb = (v, label) => actionButton("operator", label, async () => {
          await api.post(`/api/v1/jdc/instances/${id}/${v}`);
          toast(`${label}: ${i.name}`, "ok");
          table.reload();
        }, {"aria-label": `${label} ${i.name}`});
        const wanted = i.desiredState === "RUNNING";
        return h("div", {class: "row-actions"}, wanted ? null : verb("start", "Start"),
          wanted ? verb("stop", "Stop") : null, wanted ? verb("restart", "Restart") : null,
          api.can("operator") ? h("button", {type: "button", "aria-label": "Logs of " + i.name, onclick: () => logs(i)}, "Logs") : null,
          h("button", {type: "button", "aria-label": "Health of " + i.name, onclick: () => health(i)}, "Health"),
          actionButton("admin", "Delete", async () => {
            if (!confirmed(`Delete instance ${i.name}, its file, metrics and history?`)) return;
            await api.del(`/api/v1/jdc/instances/${id}`);
            table.reload();
          }, {"aria-label": "Delete " + i.name, class: "danger"}));
      }},
    ]});
  async function logs(i) {
    const box = h("pre", {class: "code log-static", tabindex: "0", "aria-label": "Logs of " + i.name});
    const load = async () => {
      try {
        const {lines} = await api.get(`/api/v1/jdc/instances/${api.seg(i.id)}/logs?lines=500`);
        box.textContent = lines.map((l) => `${l.ts} ${l.text}`).join("\n") || "(no line yet)";
        box.scrollTop = box.scrollHeight;
      } catch (e) { box.textContent = errorText(e); }
    };
    fill(detail, section("Logs of " + i.name, h("button", {type: "button", onclick: load}, "Refresh"), box));
    load();
  }
  async function health(i) {
    const box = h("div");
    const load = async (run) => {
      try {
        const r = run ? await api.post(`/api/v1/jdc/instances/${api.seg(i.id)}/health`)
          : await api.get(`/api/v1/jdc/instances/${api.seg(i.id)}/health`);
        fill(box, h("p", {}, badge(r.status), " score ", h("strong", {class: "score"}, r.score), " / 100 · ", when(r.checkedAt)),
          h("table", {class: "list"}, h("thead", {}, h("tr", {}, h("th", {}, "Check"), h("th", {}, "Status"), h("th", {}, "Message"))),
            h("tbody", {}, Object.entries(r.checks).map(([name, c]) => h("tr", {}, h("td", {}, name), h("td", {}, badge(c.status)),
              h("td", {}, c.message))))));
      } catch (e) { fill(box, h("p", {class: "muted"}, errorText(e))); }
    };
    fill(detail, section("Health of " + i.name, actionButton("operator", "Check now", () => load(true)), box));
    load(false);
  }
  const configs = await api.get("/api/v1/jdc/configs?limit=1000").catch(() => ({items: []}));
  const create = form({title: "Create an instance", role: "admin", submitLabel: "Create",
    fields: [{name: "name", label: "Name", required: true},
      {name: "config", label: "Configuration", type: "select", options: configs.items.map((c) => c.name)},
      {name: "binaryVersion", label: "Pinned version", placeholder: "the installed one"}],
    submit: async (v) => {
      const body = {name: v.name, config: v.config};
      if (v.binaryVersion) body.binaryVersion = v.binaryVersion;
      await api.post("/api/v1/jdc/instances", body);
      toast(`Created ${v.name}`, "ok");
      table.first();
    }});
  root.append(api.can("admin") ? panel("Create an instance", create.element) : null, table.element, detail);
  const refresh = setInterval(() => table.reload(), 10000);
  return () => clearInterval(refresh);
}

async function metricsTab(root) {
  const instances = await api.get("/api/v1/jdc/instances?limit=1000");
  if (!instances.items.length) { root.append(h("p", {class: "muted"}, "No instance yet.")); return; }
  const instance = h("select", {id: "metrics-instance"}, instances.items.map((i) => h("option", {value: i.id}, i.name)));
  const metric = h("select", {id: "metrics-metric"});
  const granularity = h("select", {id: "metrics-granularity"}, ["minute", "hour", "day"].map((g) => h("option", {value: g}, g)));
  const cards = h("div", {class: "grid", id: "metrics-cards"});
  const chartBox = h("div", {class: "charts"});
  let chart;
  async function types() {
    const {items} = await api.get(`/api/v1/jdc/instances/${api.seg(instance.value)}/metrics/types`);
    fill(metric, items.map((m) => h("option", {value: m}, m)));
    return draw();
  }
  async function draw() {
    if (!metric.value) { fill(cards, h("p", {class: "muted"}, "No metric recorded yet.")); return; }
    const span = {minute: 3600e3, hour: 86400e3, day: 30 * 86400e3}[granularity.value];
    const range = {metric: metric.value, from: new Date(Date.now() - span).toISOString(), to: new Date().toISOString()};
    const base = `/api/v1/jdc/instances/${api.seg(instance.value)}/metrics`;
    const [series, summary] = await Promise.all([
      api.get(`${base}/series` + api.query({...range, granularity: granularity.value})),
      api.get(`${base}/summary` + api.query(range))]);
    const fmt = (x) => (x === null || x === undefined ? "–" : Number(x).toLocaleString(undefined, {maximumFractionDigits: 2}));
    fill(cards, [["min", summary.min], ["average", summary.avg], ["max", summary.max], ["samples", summary.count]]
      .map(([label, value]) => h("div", {class: "stat", "data-card": label}, h("div", {class: "stat-value"}, fmt(value)),
        h("div", {class: "stat-label"}, label))));
    if (chart) chart.destroy();
    chart = timeChart(`${metric.value} by ${granularity.value}`, ["avg", "min", "max"], {height: 220,
      range: [new Date(range.from).getTime() / 1000, new Date(range.to).getTime() / 1000]});
    fill(chartBox, chart.element);
    const items = series.items;
    chart.set([items.map((p) => new Date(p.bucketStart).getTime() / 1000), items.map((p) => p.avg ?? null),
      items.map((p) => p.min ?? null), items.map((p) => p.max ?? null)]);
  }
  instance.addEventListener("change", types);
  metric.addEventListener("change", draw);
  granularity.addEventListener("change", draw);
  root.append(h("div", {class: "toolbar"}, h("label", {for: "metrics-instance"}, "Instance"), instance,
    h("label", {for: "metrics-metric"}, "Metric"), metric, h("label", {for: "metrics-granularity"}, "By"), granularity),
  cards, chartBox);
  await types().catch((e) => fill(cards, h("p", {class: "error"}, errorText(e))));
  return () => chart && chart.destroy();
}

async function updatesTab(root) {
  const current = h("p", {id: "jdc-current"});
  const check = h("p", {id: "jdc-check", "aria-live": "polite"});
  const progress = h("p", {id: "jdc-install-progress", "aria-live": "polite"});
  let job = null;
  const socket = new LiveSocket({onOpen: (send) => send({type: "subscribe_jobs"}), onMessage: (m) => {
    if (m.type === "job" && job && m.job.id === job) {
      progress.textContent = m.job.state === "RUNNING" ? m.job.progress || "installing…" : `${m.job.state}: ${m.job.message || ""}`;
      if (m.job.state !== "RUNNING") { job = null; showCurrent(); history.reload(); }
    }
  }});
  async function showCurrent() {
    try {
      const c = await api.get("/api/v1/jdc/updates/current");
      current.textContent = c.installed ? `Installed: ${c.version || "unknown version"} (${c.path || ""})` : "No jd-client binary is installed.";
    } catch (e) { current.textContent = errorText(e); }
  }
  const history = pagedTable({caption: "Update history", pageSize: 50, empty: "Nothing installed yet.",
    load: async (limit) => api.get("/api/v1/jdc/updates/history" + api.query({limit})),
    columns: [{title: "When", render: (u) => when(u.at)}, {title: "Action", render: (u) => u.action},
      {title: "From", render: (u) => u.fromVersion || ""}, {title: "To", render: (u) => u.toVersion || ""},
      {title: "Outcome", render: (u) => badge(u.outcome)}, {title: "Message", render: (u) => u.message || ""}]});
  const prereleases = h("input", {type: "checkbox", id: "jdc-prereleases"});
  root.append(section("Binary", current,
    h("div", {class: "row-actions"},
      h("label", {class: "inline", for: "jdc-prereleases"}, prereleases, " include pre-releases"),
      h("button", {type: "button", id: "jdc-check-button", onclick: async () => {
        check.textContent = "Checking…";
        try {
          const r = await api.get("/api/v1/jdc/updates/check" + api.query({prereleases: prereleases.checked || undefined}));
          check.textContent = `Latest: ${r.latest}. ` + (r.updateAvailable ? "An update is available." : "Up to date.");
        } catch (e) { check.textContent = errorText(e); }
      }}, "Check for updates"),
      actionButton("admin", "Install latest", async () => {
        const j = await api.post("/api/v1/jdc/updates/install", {});
        job = j.id;
        progress.textContent = "installing…";
      }),
      actionButton("admin", "Roll back", async () => {
        if (!confirmed("Go back to the previous jd-client binary?")) return;
        const r = await api.post("/api/v1/jdc/updates/rollback");
        toast(`Now using ${r.version || "the previous binary"}`, "ok");
        showCurrent();
        history.reload();
      })),
    check, progress), section("History", history.element));
  showCurrent();
  return () => socket.close();
}

async function keysTab(root) {
  const out = h("dl", {class: "facts", id: "jdc-keys"});
  const derive = form({title: "Derive a public key", role: "viewer", submitLabel: "Derive",
    fields: [{name: "secretKey", label: "Secret key", type: "password", required: true}],
    submit: async (v) => {
      const r = await api.post("/api/v1/jdc/keys/derive", v);
      fill(out, h("dt", {}, "Public key"), h("dd", {}, h("code", {}, r.publicKey)));
    }});
  root.append(section("Authority keys",
    actionButton("operator", "Generate a key pair", async () => {
      const pair = await api.post("/api/v1/jdc/keys/generate");
      fill(out, h("dt", {}, "Public key"), h("dd", {}, h("code", {}, pair.publicKey)),
        h("dt", {}, "Secret key"), h("dd", {}, h("code", {}, pair.secretKey)));
    }), out), section("Derive", derive.element));
}

export async function jdcPage(root, [tab = "configs"]) {
  const body = h("div", {id: "jdc-tab"});
  root.append(header("jd-client"), h("nav", {class: "tabs", "aria-label": "jd-client sections"},
    TABS.map(([key, label]) => h("a", {href: "#/jdc/" + key, "aria-current": key === tab ? "page" : null}, label))), body);
  const run = {configs: configsTab, instances: instancesTab, metrics: metricsTab, updates: updatesTab, keys: keysTab}[tab];
  if (!run) { fill(body, h("p", {}, "No such section.")); return null; }
  return run(body);
}
