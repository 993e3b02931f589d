// Containers: the paged list with its actions and the create form (one container's page is container.js).
import * as api from "../api.js";
import {h, header, badge, pagedTable, form, panel, actionButton, confirmed, toast, pairs, lines, words}
  from "../ui.js";

/** A container's action buttons, as its role allows. */
export function actions(c, reload) {
  const id = api.seg(c.id);
  const status = String(c.status).toLowerCase();
  const running = status === "running";
  const call = (verb, label) => actionButton("operator", label, async () => {
    await api.post(`/api/v1/containers/${id}/${verb}`);
    toast(`${label}: ${c.name}`, "ok");
    reload();
  }, {"aria-label": `${label} ${c.name}`, "data-action": verb});
  return h("div", {class: "row-actions"},
    running ? call("stop", "Stop") : call("start", "Start"),
    running ? call("restart", "Restart") : null,
    status === "paused" ? call("unpause", "Unpause") : running ? call("pause", "Pause") : null,
    running ? call("kill", "Kill") : null,
    actionButton("admin", "Remove", async () => {
      if (!confirmed(`Remove container ${c.name}?`)) return;
      await api.del(`/api/v1/containers/${id}?force=true`);
      toast(`Removed ${c.name}`, "ok");
      reload();
    }, {"aria-label": `Remove ${c.name}`, class: "danger", "data-action": "remove"}));
}

export async function containersPage(root) {
  const search = h("input", {type: "search", id: "containers-filter", placeholder: "name contains…",
    "aria-label": "Filter containers by name"});
  const all = h("input", {type: "checkbox", id: "containers-all", checked: true});
  let table;
  table = pagedTable({caption: "Containers", pageSize: 25,
    load: (limit, cursor) => api.get("/api/v1/containers" + api.query({limit, cursor, name: search.value,
      all: all.checked})),
    columns: [
      {title: "Name", render: (c) => h("a", {href: "#/container/" + encodeURIComponent(c.name)}, c.name)},
      {title: "State", render: (c) => badge(c.status)},
      {title: "Image", render: (c) => c.image},
      {title: "Status", render: (c) => c.statusText || ""},
      {title: "Ports", render: (c) => (c.ports || []).filter((p) => p.hostPort)
        .map((p) => `${p.hostPort}→${p.containerPort}/${p.protocol.toLowerCase()}`).join(", ")},
      {title: "Actions", render: (c) => actions(c, () => table.reload())},
    ]});
  let timer;
  search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => table.first(), 250); });
  all.addEventListener("change", () => table.first());
  root.append(header("Containers", search, h("label", {class: "inline", for: "containers-all"}, all, " include stopped")),
    api.can("admin") ? panel("Create a container", createForm(() => table.first()).element) : null,
    table.element);
}

function createForm(done) {
  return form({title: "Create a container", role: "admin", submitLabel: "Create",
    fields: [
      {name: "image", label: "Image", required: true, placeholder: "orbitr-test/busybox:1"},
      {name: "name", label: "Name", placeholder: "web-1"},
      {name: "command", label: "Command", placeholder: 'sh -c "echo hi; sleep 3600"', hint: "words; quote to keep spaces"},
      {name: "env", label: "Environment", type: "textarea", rows: 3, hint: "one KEY=VALUE per line"},
      {name: "ports", label: "Ports", type: "textarea", rows: 2, hint: "HOST:CONTAINER[/udp] per line, e.g. 8080:80"},
      {name: "volumes", label: "Volumes", type: "textarea", rows: 2, hint: "VOLUME:/path[:ro] per line (named volumes only)"},
      {name: "networks", label: "Networks", hint: "names, comma-separated"},
      {name: "memory", label: "Memory limit (MiB)", type: "number", min: 4},
      {name: "cpus", label: "CPU limit (cores)", type: "number", step: "0.1", min: 0.01},
      {name: "restartPolicy", label: "Restart policy", type: "select", value: "no", options: [["no", "no: never restart"],
        ["unless-stopped", "unless stopped on purpose"], ["always", "always"], ["on-failure", "on failure (non-zero exit)"]]},
      {name: "restartRetries", label: "Most restarts on failure (0: no limit)", type: "number", min: 0, max: 1000,
        hint: "only for the on-failure policy"},
      {name: "start", label: "Start it now", type: "checkbox", value: true},
    ],
    submit: async (v) => {
      const body = {image: v.image, start: v.start};
      if (v.name) body.name = v.name;
      if (v.command) body.command = words(v.command);
      if (v.env) body.env = pairs(v.env, "env");
      if (v.ports) {
        body.ports = lines(v.ports).map((p) => {
          const m = /^(?:([\d.]+):)?(\d+):(\d+)(?:\/(tcp|udp))?$/i.exec(p);
          if (!m) throw new api.Problem(400, {detail: `'${p}' must be HOST:CONTAINER[/udp]`, field: "ports"});
          const port = {hostPort: Number(m[2]), containerPort: Number(m[3]), protocol: (m[4] || "tcp").toUpperCase()};
          if (m[1]) port.hostIp = m[1];
          return port;
        });
      }
      if (v.volumes) {
        body.volumes = lines(v.volumes).map((l) => {
          const [volume, target, mode] = l.split(":");
          if (!volume || !target) throw new api.Problem(400, {detail: `'${l}' must be VOLUME:/path`, field: "volumes"});
          return {volume, target, readOnly: mode === "ro"};
        });
      }
      if (v.networks) body.networks = v.networks.split(",").map((n) => n.trim()).filter(Boolean);
      if (v.memory) body.memoryBytes = Math.round(Number(v.memory) * 1024 * 1024);
      if (v.cpus) body.cpus = Number(v.cpus);
      if (v.restartPolicy && v.restartPolicy !== "no") body.restartPolicy = v.restartPolicy;
      if (v.restartRetries !== "" && v.restartRetries !== undefined) body.restartRetries = Number(v.restartRetries);
      const created = await api.post("/api/v1/containers", body);
      toast(`Created ${v.name || created.id.slice(0, 12)}`, "ok");
      done();
    }});
}
