// Proxy routes: the list, add, remove, and a preview of the configuration file they render to.
import * as api from "../api.js";
import {h, fill, header, section, pagedTable, form, panel, actionButton, confirmed, toast, errorText} from "../ui.js";

export async function proxyPage(root) {
  const preview = h("pre", {class: "code", id: "proxy-preview", tabindex: "0", "aria-label": "Rendered proxy configuration"});
  const previewTitle = h("span");
  async function showPreview() {
    try {
      const p = await api.get("/api/v1/proxy/preview");
      previewTitle.textContent = p.fileName ? `${p.fileName} (${p.provider})` : `(${p.provider}: no route, no file)`;
      preview.textContent = p.content || "";
    } catch (e) {
      preview.textContent = errorText(e);
    }
  }
  let table;
  table = pagedTable({caption: "Proxy routes", pageSize: 50, empty: "No route yet.",
    load: (limit, cursor) => api.get("/api/v1/proxy/routes" + api.query({limit, cursor})),
    columns: [
      {title: "Name", render: (r) => r.name},
      {title: "Host", render: (r) => (r.tls ? "https://" : "http://") + r.host + (r.pathPrefix || "")},
      {title: "Target", render: (r) => `${r.targetHost}:${r.targetPort}`},
      {title: "Protocol", render: (r) => r.protocol},
      {title: "Actions", render: (r) => actionButton("admin", "Remove", async () => {
        if (!confirmed(`Remove route ${r.name}?`)) return;
        await api.del(`/api/v1/proxy/routes/${api.seg(r.name)}`);
        toast(`Removed ${r.name}`, "ok");
        table.reload();
        showPreview();
      }, {"aria-label": "Remove route " + r.name, class: "danger"})},
    ]});
  const create = form({title: "Add a route", role: "admin", submitLabel: "Add",
    fields: [{name: "name", label: "Name", required: true},
      {name: "host", label: "Host", required: true, placeholder: "app.example.org or app"},
      {name: "targetHost", label: "Target host", required: true, placeholder: "127.0.0.1"},
      {name: "targetPort", label: "Target port", type: "number", required: true, min: 1, max: 65535},
      {name: "protocol", label: "Protocol", type: "select", options: ["HTTP", "HTTPS", "TCP", "UDP"]},
      {name: "pathPrefix", label: "Path prefix", placeholder: "/api"},
      {name: "tls", label: "TLS", type: "checkbox"},
      {name: "redirectToHttps", label: "Redirect HTTP to HTTPS", type: "checkbox"}],
    submit: async (v) => {
      const body = {name: v.name, host: v.host, targetHost: v.targetHost, targetPort: Number(v.targetPort),
        protocol: v.protocol, tls: v.tls, redirectToHttps: v.redirectToHttps};
      if (v.pathPrefix) body.pathPrefix = v.pathPrefix;
      await api.post("/api/v1/proxy/routes", body);
      toast(`Added ${v.name}`, "ok");
      table.first();
      showPreview();
    }});
  root.append(header("Proxy routes"), api.can("admin") ? panel("Add a route", create.element) : null,
    table.element, section("Preview", h("p", {class: "muted"}, previewTitle), preview));
  showPreview();
}
