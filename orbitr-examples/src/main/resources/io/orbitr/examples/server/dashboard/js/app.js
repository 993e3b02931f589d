// The dashboard's shell: login, navigation (hash routes, so the server serves one page), theme, shortcuts.
import * as api from "./api.js";
import {h, fill, toast, errorText} from "./ui.js";

// Each page's module loads when the page is first shown (then the browser keeps it), so a page waits only for its
// own code: the health page shows its rows before any chart code is parsed.
// `page()` answers the page's function, right away once its module is there (so a page shows in the same task as
// its route, as before), else a promise of it.
const lazy = (load, name) => {
  let loaded = null;
  return () => loaded || load().then((module) => { loaded = module[name]; return loaded; });
};
const overview = () => import("./pages/overview.js");
const containers = () => import("./pages/containers.js");
const engine = () => import("./pages/engine.js");
const health = () => import("./pages/health.js");
const system = () => import("./pages/system.js");

const PAGES = [
  {path: "", title: "Overview", page: lazy(overview, "overviewPage"), key: "o"},
  {path: "containers", title: "Containers", page: lazy(containers, "containersPage"), key: "c"},
  {path: "images", title: "Images", page: lazy(engine, "imagesPage"), key: "i"},
  {path: "networks", title: "Networks", page: lazy(engine, "networksPage"), key: "n"},
  {path: "volumes", title: "Volumes", page: lazy(engine, "volumesPage"), key: "v"},
  {path: "health", title: "Health", page: lazy(health, "healthPage"), key: "h"},
  {path: "notifications", title: "Notifications", page: lazy(health, "notificationsPage"), key: "t"},
  {path: "proxy", title: "Proxy routes", page: lazy(() => import("./pages/proxy.js"), "proxyPage"), key: "p"},
  {path: "jdc", title: "jd-client", page: lazy(() => import("./pages/jdc.js"), "jdcPage"), key: "j"},
  {path: "extensions", title: "Extensions", page: lazy(() => import("./pages/extensions.js"), "extensionsPage"),
    key: "x"},
  {path: "jobs", title: "Jobs", page: lazy(system, "jobsPage")},
  {path: "backups", title: "Backups", page: lazy(() => import("./pages/backups.js"), "backupsPage"), key: "b"},
  {path: "settings", title: "Settings", page: lazy(system, "settingsPage"), key: "s"},
  {path: "users", title: "Users & tokens", page: lazy(system, "usersPage"), role: "admin", key: "u"},
  {path: "audit", title: "Audit log", page: lazy(system, "auditPage"), role: "admin", key: "a"},
];
const containerPage = lazy(() => import("./pages/container.js"), "containerPage");

const main = document.getElementById("main");
const nav = document.getElementById("nav");
let cleanup = null;
let unreadEl = null;
/** Counts routes, so that a page whose module arrives after the user moved on is not shown. */
let turn = 0;

function theme(next) {
  const chosen = next || localStorage.getItem("orbitr-theme")
    || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  document.documentElement.dataset.theme = chosen;
  localStorage.setItem("orbitr-theme", chosen);
}

function buildNav() {
  unreadEl = h("span", {class: "count", id: "unread", "aria-label": "unread notifications"});
  fill(nav, h("ul", {}, PAGES.filter((p) => !p.role || api.can(p.role)).map((p) =>
    h("li", {}, h("a", {href: "#/" + p.path, "data-page": p.path || "overview",
      title: p.key ? `${p.title} (g then ${p.key})` : p.title}, p.title,
      p.path === "notifications" ? unreadEl : null)))));
}

async function refreshUnread() {
  if (!api.session() || !unreadEl) return;
  try {
    const {count} = await api.get("/api/v1/notifications/unread-count");
    unreadEl.textContent = count ? String(count) : "";
  } catch (e) { /* shown on the page itself */ }
}

function loginPage() {
  nav.hidden = true;
  const name = h("input", {id: "login-name", name: "name", autocomplete: "username", required: true});
  const password = h("input", {id: "login-password", name: "password", type: "password",
    autocomplete: "current-password", required: true});
  const error = h("p", {class: "form-error", role: "alert", id: "login-error"});
  const form = h("form", {class: "form login", "aria-label": "Log in"},
    h("h1", {}, "Log in to Orbitr"), error,
    h("div", {class: "field"}, h("label", {for: "login-name"}, "Name"), name),
    h("div", {class: "field"}, h("label", {for: "login-password"}, "Password"), password),
    h("div", {class: "actions"}, h("button", {type: "submit", class: "primary", id: "login-submit"}, "Log in")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    try {
      await api.login(name.value, password.value);
    } catch (err) {
      error.textContent = errorText(err);
      password.select();
    }
  });
  fill(main, form);
  name.focus();
}

async function route() {
  const mine = ++turn;
  if (cleanup) { try { cleanup(); } catch (e) { /* leaving anyway */ } cleanup = null; }
  if (!api.session()) { loginPage(); return; }
  nav.hidden = false;
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, ...rest] = hash.split("/");
  const params = rest.map(decodeURIComponent);
  let entry = PAGES.find((p) => p.path === path);
  let page = entry && entry.page;
  if (path === "container" && params[0]) { page = containerPage; entry = {title: "Container", path: "containers"}; }
  nav.querySelectorAll("a").forEach((a) => {
    if (a.dataset.page === (entry ? entry.path || "overview" : "")) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
  if (!page || (entry.role && !api.can(entry.role))) {
    fill(main, h("h1", {}, "Not found"), h("p", {}, "No such page. ", h("a", {href: "#/"}, "Overview")));
    return;
  }
  document.title = `${entry.title} · Orbitr`;
  fill(main);
  try {
    let show = page();
    if (show instanceof Promise) {
      show = await show;
      if (mine !== turn) return;
    }
    const done = (await show(main, params)) || null;
    // Left while it was loading: the next page has taken over, so stop this one's timers and sockets now.
    if (mine !== turn) { if (done) done(); return; }
    cleanup = done;
  } catch (e) {
    if (mine !== turn) return;
    fill(main, h("h1", {}, entry.title), h("p", {class: "error", role: "alert"}, errorText(e)));
  }
  const heading = main.querySelector("h1");
  if (heading && document.activeElement === document.body) heading.focus({preventScroll: true});
  refreshUnread();
  warm();
}

/** Once a page is up, loads the other pages' modules while the browser is idle, so moving on costs no fetch. */
function warm() {
  if (warm.done) return;
  warm.done = true;
  // Not while the first page is still drawing: a second later, when the browser has nothing else to do.
  const whenIdle = window.requestIdleCallback || ((fn) => setTimeout(fn, 0));
  const idle = (fn) => setTimeout(() => whenIdle(fn, {timeout: 3000}), 1000);
  idle(() => [...PAGES.map((p) => p.page), containerPage].forEach((page) => {
    Promise.resolve(page()).catch(() => { /* tried again when the page is opened */ });
  }));
}

api.onSession((me) => {
  document.getElementById("who").textContent = me ? `${me.name} (${me.role})` : "";
  document.getElementById("logout").hidden = !me;
  document.body.dataset.role = me ? me.role : "";
  if (me) buildNav();
  route();
});

document.getElementById("theme").addEventListener("click", () =>
  theme(document.documentElement.dataset.theme === "dark" ? "light" : "dark"));
document.getElementById("logout").addEventListener("click", () => api.logout().then(() => toast("Logged out")));
window.addEventListener("hashchange", route);

// Keyboard: "g" then a page's letter goes there; "/" focuses the page's first search field.
let pendingG = false;
document.addEventListener("keydown", (e) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "/") {
    const search = main.querySelector('input[type="search"]');
    if (search) { e.preventDefault(); search.focus(); }
  } else if (pendingG) {
    pendingG = false;
    const target = PAGES.find((p) => p.key === e.key && (!p.role || api.can(p.role)));
    if (target) location.hash = "#/" + target.path;
  } else if (e.key === "g") {
    pendingG = true;
    setTimeout(() => { pendingG = false; }, 1500);
  }
});
setInterval(refreshUnread, 15000);

theme();
// The page the address names starts loading its module while the session is checked, not after.
{
  const [path, name] = location.hash.replace(/^#\/?/, "").split("/");
  const first = path === "container" && name ? containerPage : PAGES.find((p) => p.path === path)?.page;
  if (first) Promise.resolve(first()).catch(() => { /* shown by the route when it tries again */ });
}
api.restore();
