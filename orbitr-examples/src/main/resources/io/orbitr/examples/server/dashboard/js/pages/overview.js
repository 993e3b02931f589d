// Overview: the engine, counts, the health summary, unread notifications, recent engine events (live), recent jobs.
import * as api from "../api.js";
import {h, fill, header, section, badge, bytes, when, errorText} from "../ui.js";
import {LiveSocket} from "../socket.js";

const MAX_EVENTS = 20;

/** One engine event as a line: what happened to which object, and when. */
function eventLine(e) {
  const name = (e.attributes && e.attributes.name) || (e.actorId || "").slice(0, 12);
  const what = e.action + (e.detail ? ": " + e.detail : "");
  return h("li", {class: "engine-event", "data-action": e.action},
    h("span", {class: "muted"}, new Date(e.time).toLocaleTimeString(), " "),
    String(e.type).toLowerCase(), " ", h("strong", {}, name), " ", what);
}

export async function overviewPage(root) {
  const engine = h("div", {class: "grid"}, h("p", {class: "muted"}, "Loading…"));
  const health = h("div", {class: "grid"});
  const notes = h("ul", {class: "plain"});
  const jobs = h("ul", {class: "plain"});
  const events = h("ul", {class: "plain", id: "engine-events", "aria-live": "off"},
    h("li", {class: "muted"}, "Waiting for the engine's next event…"));
  const eventState = h("p", {class: "muted", id: "engine-events-state"});
  root.append(header("Overview"),
    section("Engine", engine), section("Health", health),
    section("Unread notifications", notes, h("a", {href: "#/notifications"}, "All notifications")),
    section("Recent engine events", events, eventState),
    section("Recent jobs", jobs, h("a", {href: "#/jobs"}, "All jobs")));

  const card = (label, value, href) => h(href ? "a" : "div", {class: "stat", href},
    h("div", {class: "stat-value"}, value ?? "–"), h("div", {class: "stat-label"}, label));

  api.get("/api/v1/engine").then((e) => fill(engine,
    card("Containers", e.containers, "#/containers"), card("Running", e.containersRunning, "#/containers"),
    card("Images", e.images, "#/images"), card("Docker", e.version), card("API", e.apiVersion),
    card("CPUs", e.cpus), card("Memory", bytes(e.memoryBytes)), card("System", e.operatingSystem)))
    .catch((e) => fill(engine, h("p", {class: "error", role: "alert"}, "The engine does not answer: " + errorText(e))));

  // The summary walks the status pages (the server pages them); it stops after 20 pages and says so.
  (async () => {
    const counts = {UP: 0, DOWN: 0, PENDING: 0, PAUSED: 0, UNKNOWN: 0};
    let cursor;
    let pages = 0;
    do {
      const page = await api.get("/api/v1/health" + api.query({limit: 1000, cursor}));
      page.items.forEach((s) => { counts[s.status] = (counts[s.status] || 0) + 1; });
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    fill(health, Object.entries(counts).map(([status, n]) =>
      h("a", {class: "stat", href: "#/health"}, h("div", {class: "stat-value"}, n), badge(status))),
    cursor ? h("p", {class: "muted"}, "(first 20,000 targets)") : null);
  })().catch((e) => fill(health, h("p", {class: "error"}, errorText(e))));

  api.get("/api/v1/notifications?unread=true&limit=5").then((page) => fill(notes, page.items.length
    ? page.items.map((n) => h("li", {}, badge(n.to), " ", n.targetName || n.targetId, ": ", n.message,
      h("span", {class: "muted"}, " · " + when(n.time))))
    : h("li", {class: "muted"}, "No unread notifications.")))
    .catch((e) => fill(notes, h("li", {class: "error"}, errorText(e))));

  api.get("/api/v1/jobs?limit=5").then((page) => fill(jobs, page.items.length
    ? page.items.map((j) => h("li", {}, badge(j.state), ` ${j.kind} ${j.subject || ""} `,
      h("span", {class: "muted"}, j.progress || j.message || "", " · " + when(j.createdAt))))
    : h("li", {class: "muted"}, "No jobs yet.")))
    .catch((e) => fill(jobs, h("li", {class: "error"}, errorText(e))));

  // Engine events arrive live from now on (the engine keeps no history to ask for).
  let seen = 0;
  const socket = new LiveSocket({
    onOpen: (send) => send({type: "subscribe_events"}),
    onMessage: (m) => {
      if (m.type !== "engine_event") return;
      if (seen++ === 0) fill(events);
      events.prepend(eventLine(m.event));
      while (events.children.length > MAX_EVENTS) events.lastChild.remove();
    },
    onState: (state) => { eventState.textContent = state === "live" ? "" : "events: " + state; },
  });
  return () => socket.close();
}
