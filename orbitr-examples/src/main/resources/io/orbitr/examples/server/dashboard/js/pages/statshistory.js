// A container's recorded stats (GET /api/v1/containers/{id}/stats/history) as two charts, by minute, hour or day.
import * as api from "../api.js";
import {h, fill, section, errorText} from "../ui.js";
import {timeChart} from "../charts.js";

/** How far back each resolution looks: about a few hundred points each. */
const SPANS = {minute: 6 * 3600, hour: 7 * 86400, day: 7 * 86400};

/**
 * The history section of a container page.
 * @param {string} name the container's name or id
 * @returns {{element, destroy()}}
 */
export function statsHistory(name) {
  const cpu = timeChart("CPU % (recorded)", ["mean", "max"], {unit: "%", max: 100000});
  const mem = timeChart("Memory MiB (recorded)", ["mean", "max"], {max: 100000});
  const state = h("span", {class: "muted", id: "history-state", role: "status"}, "loading");
  const choice = h("select", {id: "history-resolution", "aria-label": "resolution"},
    ...Object.keys(SPANS).map((r) => h("option", {value: r}, "by " + r)));
  choice.addEventListener("change", () => load());

  async function load() {
    const resolution = choice.value;
    const to = new Date();
    const from = new Date(to.getTime() - SPANS[resolution] * 1000);
    state.textContent = "loading";
    try {
      const body = await api.get(`/api/v1/containers/${api.seg(name)}/stats/history?resolution=${resolution}`
        + `&from=${from.toISOString()}&to=${to.toISOString()}`);
      const t = body.items.map((p) => new Date(p.time).getTime() / 1000);
      cpu.set([t, body.items.map((p) => p.cpuPercent), body.items.map((p) => p.cpuPercentMax)]);
      mem.set([t, body.items.map((p) => p.memoryBytes / 1048576), body.items.map((p) => p.memoryBytesMax / 1048576)]);
      state.textContent = body.items.length ? `${body.items.length} points` : "nothing recorded in this range yet";
    } catch (e) {
      fill(state, errorText(e));
    }
  }
  load();
  return {
    element: section("History", h("div", {class: "row-actions"}, choice, state),
      h("div", {class: "charts"}, cpu.element, mem.element)),
    destroy() { cpu.destroy(); mem.destroy(); },
  };
}
