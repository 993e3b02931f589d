// Backups: the archives (newest first), a new backup as a job with its progress, verify, download and restore into
// another data directory (admin: an archive holds the store), and the schedule and retention settings.
import * as api from "../api.js";
import {h, fill, header, section, pagedTable, form, panel, actionButton, toast, when, bytes,
  errorText} from "../ui.js";

async function followJob(job, progressEl) {
  for (;;) {
    progressEl.textContent = job.state === "RUNNING" ? (job.progress || "working…") : (job.message || job.state);
    progressEl.dataset.state = job.state;
    if (job.state !== "RUNNING") return job;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    job = await api.get(`/api/v1/jobs/${api.seg(job.id)}`);
  }
}

export async function backupsPage(root) {
  const progress = h("p", {class: "job-progress", id: "backup-progress", "aria-live": "polite"});
  const details = h("div", {id: "backup-details"});
  let table;
  table = pagedTable({caption: "Backups", pageSize: 25, empty: "No backup yet.",
    load: (limit, cursor) => api.get("/api/v1/backups" + api.query({limit, cursor})),
    rowAttrs: (b) => ({"data-backup": b.name}),
    columns: [
      {title: "Name", render: (b) => b.name},
      {title: "Written", render: (b) => when(b.createdAt)},
      {title: "Size", render: (b) => bytes(b.size)},
      {title: "Parts", render: (b) => b.parts},
      {title: "Volumes", render: (b) => b.volumes.join(", ") || "none"},
      {title: "Orbitr", render: (b) => b.orbitrVersion},
      {title: "Actions", render: (b) => h("div", {class: "row-actions"},
        actionButton("operator", "Verify", async () => {
          const v = await api.post(`/api/v1/backups/${api.seg(b.name)}/verify`);
          toast(v.valid ? `${b.name}: intact (${v.parts} parts)` : `${b.name} is damaged: ${v.message}`,
            v.valid ? "ok" : "error");
        }, {"aria-label": "Verify " + b.name}),
        api.can("admin") ? h("a", {class: "button", href: `/api/v1/backups/${api.seg(b.name)}/download`,
          download: b.name, "aria-label": "Download " + b.name}, "Download") : null,
        actionButton("admin", "Restore…", async () => restore(b), {"aria-label": "Restore " + b.name}))},
    ]});

  function restore(b) {
    const f = form({title: `Restore ${b.name}`, role: "admin", submitLabel: "Restore",
      fields: [
        {name: "dataDirectory", label: "Into the data directory", required: true, placeholder: "/srv/orbitr-restored",
          hint: "an absolute path, not this server's own; start a server on it afterwards"},
        {name: "force", label: "Restore over a directory that is not empty (its contents are moved aside)", type: "checkbox"},
        {name: "volumes", label: "Also restore the archive's volumes into the engine", type: "checkbox", value: true},
      ],
      extra: h("p", {class: "job-progress", id: "restore-progress", "aria-live": "polite"}),
      submit: async (v) => {
        const job = await api.post(`/api/v1/backups/${api.seg(b.name)}/restore`, v);
        const end = await followJob(job, f.element.querySelector("#restore-progress"));
        if (end.state !== "SUCCEEDED") throw new api.Problem(400, {detail: end.message});
        toast(end.message, "ok");
      }});
    fill(details, section("Restore " + b.name, f.element,
      h("button", {type: "button", onclick: () => fill(details)}, "Close")));
    details.scrollIntoView();
  }

  const create = form({title: "Take a backup", role: "admin", submitLabel: "Back up now",
    fields: [
      {name: "name", label: "File name", placeholder: "default: time-stamped", hint: "ends in .zip"},
      {name: "volumes", label: "Include the labelled volumes' contents", type: "checkbox"},
    ],
    extra: progress,
    submit: async (v) => {
      const body = {volumes: v.volumes};
      if (v.name) body.name = v.name;
      const end = await followJob(await api.post("/api/v1/backups", body), progress);
      if (end.state !== "SUCCEEDED") throw new api.Problem(400, {detail: end.message});
      toast(end.message, "ok");
      table.first();
    }});

  const settingsHolder = h("div");
  api.get("/api/v1/backup-settings").then((s) => fill(settingsHolder, form({title: "Schedule and retention",
    role: "admin", submitLabel: "Save",
    fields: [
      {name: "scheduleMinutes", label: "Back up every (minutes, 0 for never)", type: "number", min: 0, value: s.scheduleMinutes},
      {name: "keep", label: "Archives to keep", type: "number", min: 1, max: 10000, value: s.keep},
      {name: "directory", label: "Directory (in the data directory)", value: s.directory},
      {name: "volumes", label: "Scheduled backups include volumes", type: "checkbox", value: s.volumes},
      {name: "helperImage", label: "Helper image for volumes", value: s.helperImage},
    ],
    submit: async (v) => {
      await api.put("/api/v1/backup-settings", {scheduleMinutes: Number(v.scheduleMinutes), keep: Number(v.keep),
        directory: v.directory, volumes: v.volumes, helperImage: v.helperImage});
      toast("Backup settings saved", "ok");
    }}).element)).catch((e) => fill(settingsHolder, h("p", {class: "error", role: "alert"}, errorText(e))));

  root.append(header("Backups"),
    api.can("admin") ? panel("Take a backup", create.element) : null,
    details, table.element, section("Settings", settingsHolder),
    h("p", {class: "muted"}, "The key that decrypts stored secrets (secret.key) is never in an archive: keep a copy apart."));
}
