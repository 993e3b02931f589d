// One container: its facts and actions, the live log viewer, live stats and the recorded stats' charts.
import * as api from "../api.js";
import {h, fill, header, section, badge, errorText, bytes} from "../ui.js";
import {LogViewer} from "../logviewer.js";
import {LiveSocket} from "../socket.js";
import {timeChart} from "../charts.js";
import {statsHistory} from "./statshistory.js";
import {actions} from "./containers.js";

export async function containerPage(root, [name]) {
  const info = h("dl", {class: "facts"});
  const tools = h("div", {class: "row-actions"});
  const viewer = api.can("operator") ? new LogViewer(name).start() : null;
  const cpu = timeChart("CPU %", ["CPU %"], {unit: "%"});
  const mem = timeChart("Memory (MiB)", ["used"], {});
  const statsState = h("span", {class: "conn", id: "stats-state", role: "status"}, "connecting");
  const cpuNow = h("span", {class: "stat-value", id: "cpu-now"}, "–");
  const memNow = h("span", {class: "stat-value", id: "mem-now"}, "–");
  const history = statsHistory(name);
  root.append(header(name, tools),
    section("Container", info),
    section("Logs", viewer ? viewer.element : h("p", {class: "muted"},
      "Following logs needs the operator role.")),
    section("Live stats", h("div", {class: "grid"}, h("div", {class: "stat"}, cpuNow, h("div", {class: "stat-label"}, "CPU")),
      h("div", {class: "stat"}, memNow, h("div", {class: "stat-label"}, "memory")), statsState),
    h("div", {class: "charts"}, cpu.element, mem.element)),
    history.element);

  async function load() {
    try {
      const c = await api.get(`/api/v1/containers/${api.seg(name)}`);
      fill(info, h("dt", {}, "State"), h("dd", {}, badge(c.state.status)),
        h("dt", {}, "Id"), h("dd", {}, h("code", {}, c.id.slice(0, 12))),
        h("dt", {}, "Image"), h("dd", {}, c.image),
        Object.keys(c.labels || {}).length ? [h("dt", {}, "Labels"), h("dd", {}, Object.entries(c.labels)
          .map(([k, v]) => h("code", {class: "label"}, `${k}=${v}`)))] : null);
      fill(tools, actions({id: c.id, name: c.name, status: c.state.status}, load));
    } catch (e) {
      fill(info, h("p", {class: "error", role: "alert"}, errorText(e)));
    }
  }
  load();

  const stats = new LiveSocket({
    onOpen: (send) => send({type: "subscribe_stats", containerId: name}),
    onMessage: (m) => {
      if (m.type === "stats" && m.containerId === name) {
        const s = m.sample;
        const t = new Date(s.timestamp).getTime() / 1000;
        cpu.push(t, s.cpuPercent);
        mem.push(t, s.memoryUsedBytes / 1048576);
        cpuNow.textContent = s.cpuPercent.toFixed(1) + " %";
        memNow.textContent = bytes(s.memoryUsedBytes) + (s.memoryLimitBytes ? " of " + bytes(s.memoryLimitBytes) : "");
      } else if (m.type === "event" && m.stream === "stats" && m.event === "END") {
        statsState.textContent = "ended (" + (m.reason || "") + ")";
      } else if (m.type === "error") {
        statsState.textContent = m.message;
      }
    },
    onState: (state) => { statsState.textContent = "stats: " + state; },
  });
  return () => {
    if (viewer) viewer.close();
    stats.close();
    cpu.destroy();
    mem.destroy();
    history.destroy();
  };
}
