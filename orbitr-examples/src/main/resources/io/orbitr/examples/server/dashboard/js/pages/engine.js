// Images (pull with a progress bar per layer, remove), networks (create; the engine's own cannot be removed), volumes.
import * as api from "../api.js";
import {h, fill, header, section, pagedTable, form, panel, actionButton, confirmed, toast, bytes, when,
  errorText} from "../ui.js";
import {LiveSocket} from "../socket.js";

/** The networks every engine creates itself. */
const ENGINE_NETWORKS = new Set(["bridge", "host", "none"]);

export async function imagesPage(root) {
  let table;
  const progress = h("div", {class: "pulls", "aria-live": "polite"});
  const pulls = new Map();
  const socket = new LiveSocket({
    onOpen: (send) => send({type: "subscribe_jobs"}),
    onMessage: (m) => { if (m.type === "job" && pulls.has(m.job.id)) pulls.get(m.job.id)(m.job); },
  });
  table = pagedTable({caption: "Images", pageSize: 50,
    load: (limit, cursor) => api.get("/api/v1/images" + api.query({limit, cursor})),
    columns: [
      {title: "Tags", render: (i) => (i.repoTags || []).join(", ") || h("span", {class: "muted"}, "<none>")},
      {title: "Id", render: (i) => h("code", {}, i.id.replace("sha256:", "").slice(0, 12))},
      {title: "Size", render: (i) => bytes(i.sizeBytes)},
      {title: "Created", render: (i) => when(i.created)},
      {title: "Actions", render: (i) => actionButton("admin", "Remove", async () => {
        const label = (i.repoTags || [])[0] || i.id;
        if (!confirmed(`Remove image ${label}?`)) return;
        await api.del(`/api/v1/images/${api.seg(i.id)}`);
        toast(`Removed ${label}`, "ok");
        table.reload();
      }, {"aria-label": "Remove image " + ((i.repoTags || [])[0] || i.id), class: "danger"})},
    ]});

  function track(job) {
    const layers = new Map();
    const title = h("div", {}, h("strong", {}, job.subject), " ", h("span", {class: "muted job-state"}, job.state));
    const list = h("div", {class: "layers"});
    const box = h("div", {class: "pull card", "data-job": job.id}, title, list);
    progress.prepend(box);
    const update = (j) => {
      title.querySelector(".job-state").textContent = j.state === "RUNNING" ? j.progress || "starting" : j.message || j.state;
      const m = /^([0-9a-f]{6,64}): (.*?)(?: (\d+)\/(\d+))?$/.exec(j.progress || "");
      if (m) {
        let row = layers.get(m[1]);
        if (!row) {
          const bar = h("progress", {max: 100, value: 0, "aria-label": "layer " + m[1]});
          row = {bar, text: h("span", {class: "muted"})};
          layers.set(m[1], row);
          list.append(h("div", {class: "layer"}, h("code", {}, m[1]), bar, row.text));
        }
        row.text.textContent = m[2] + (m[4] ? ` ${bytes(m[3])} of ${bytes(m[4])}` : "");
        if (m[4]) row.bar.value = Math.round((Number(m[3]) / Number(m[4])) * 100);
        if (/complete|already exists/i.test(m[2])) row.bar.value = 100;
      }
      if (j.state !== "RUNNING") {
        layers.forEach((r) => { if (j.state === "SUCCEEDED") r.bar.value = 100; });
        toast(j.message || `${j.subject}: ${j.state}`, j.state === "SUCCEEDED" ? "ok" : "error");
        pulls.delete(j.id);
        table.reload();
      }
    };
    pulls.set(job.id, update);
    update(job);
  }

  const pull = form({title: "Pull an image", role: "admin", submitLabel: "Pull",
    fields: [{name: "name", label: "Image name", required: true, placeholder: "library/nginx"},
      {name: "tag", label: "Tag", placeholder: "latest"}],
    submit: async (v) => track(await api.post("/api/v1/images/pull", v.tag ? v : {name: v.name})),
  });
  const prune = (unused) => actionButton("admin", unused ? "Prune unused" : "Prune dangling", async () => {
    if (!confirmed(unused ? "Remove every image no container uses?" : "Remove every dangling image?")) return;
    const result = await api.post("/api/v1/images/prune" + api.query({unused: unused || undefined}));
    toast(`Removed ${result.removed.length} images, ${bytes(result.reclaimedBytes)} reclaimed`, "ok");
    table.first();
  }, {class: "danger"});
  root.append(header("Images", prune(false), prune(true)),
    api.can("admin") ? panel("Pull an image", pull.element) : null, progress, table.element);
  return () => socket.close();
}

export async function networksPage(root) {
  let table;
  table = pagedTable({caption: "Networks", pageSize: 50,
    load: (limit, cursor) => api.get("/api/v1/networks" + api.query({limit, cursor})),
    columns: [
      {title: "Name", render: (n) => n.name},
      {title: "Driver", render: (n) => n.driver},
      {title: "Scope", render: (n) => n.scope || ""},
      {title: "Internal", render: (n) => (n.internal ? "yes" : "no")},
      {title: "Actions", render: (n) => ENGINE_NETWORKS.has(n.name)
        ? h("span", {class: "muted"}, "the engine's own")
        : actionButton("admin", "Remove", async () => {
          if (!confirmed(`Remove network ${n.name}?`)) return;
          await api.del(`/api/v1/networks/${api.seg(n.name)}`);
          toast(`Removed ${n.name}`, "ok");
          table.reload();
        }, {"aria-label": "Remove network " + n.name, class: "danger"})},
    ]});
  const create = form({title: "Create a network", role: "admin", submitLabel: "Create",
    fields: [{name: "name", label: "Name", required: true},
      {name: "driver", label: "Driver", type: "select", options: ["BRIDGE", "OVERLAY", "MACVLAN", "IPVLAN"]},
      {name: "subnet", label: "Subnet", placeholder: "172.30.0.0/24"},
      {name: "gateway", label: "Gateway", placeholder: "172.30.0.1"},
      {name: "internal", label: "Internal (no outside access)", type: "checkbox"},
      {name: "attachable", label: "Attachable", type: "checkbox"}],
    submit: async (v) => {
      const body = {name: v.name, driver: v.driver, internal: v.internal, attachable: v.attachable};
      if (v.subnet) body.subnet = v.subnet;
      if (v.gateway) body.gateway = v.gateway;
      await api.post("/api/v1/networks", body);
      toast(`Created ${v.name}`, "ok");
      table.first();
    }});
  root.append(header("Networks"), api.can("admin") ? panel("Create a network", create.element) : null,
    table.element);
}

export async function volumesPage(root) {
  let table;
  table = pagedTable({caption: "Volumes", pageSize: 50,
    load: (limit, cursor) => api.get("/api/v1/volumes" + api.query({limit, cursor})),
    columns: [
      {title: "Name", render: (v) => h("code", {}, v.name)},
      {title: "Driver", render: (v) => v.driver},
      {title: "Mount point", render: (v) => v.mountpoint || ""},
      {title: "Actions", render: (v) => actionButton("admin", "Remove", async () => {
        if (!confirmed(`Remove volume ${v.name} and its data?`)) return;
        await api.del(`/api/v1/volumes/${api.seg(v.name)}`);
        toast(`Removed ${v.name}`, "ok");
        table.reload();
      }, {"aria-label": "Remove volume " + v.name, class: "danger"})},
    ]});
  const create = form({title: "Create a volume", role: "admin", submitLabel: "Create",
    fields: [{name: "name", label: "Name", required: true}, {name: "driver", label: "Driver", placeholder: "local"}],
    submit: async (v) => {
      await api.post("/api/v1/volumes", v.driver ? v : {name: v.name});
      toast(`Created ${v.name}`, "ok");
      table.first();
    }});
  root.append(header("Volumes"), api.can("admin") ? panel("Create a volume", create.element) : null, table.element);
}
