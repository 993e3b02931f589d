// Charts: uPlot (from its webjar, served by the server itself) for time series.
import uPlot from "/webjars/uplot/1.6.30/dist/uPlot.esm.js";
import {h} from "./ui.js";

function colours() {
  const style = getComputedStyle(document.documentElement);
  return {
    text: style.getPropertyValue("--fg").trim() || "#222",
    grid: style.getPropertyValue("--line").trim() || "#ccc",
    series: ["--c1", "--c2", "--c3"].map((v) => style.getPropertyValue(v).trim() || "#36c"),
  };
}

/**
 * A time-series chart.
 * @param {string} title for the label read by screen readers
 * @param {string[]} names one per series
 * @returns {{element, set(data), push(t, ...values)}} data is [[times in s], [series 1], ...]
 */
export function timeChart(title, names, {height = 180, max = 300, unit = "", range} = {}) {
  const element = h("figure", {class: "chart", role: "img", "aria-label": title}, h("figcaption", {}, title));
  const c = colours();
  const data = [[], ...names.map(() => [])];
  const width = () => Math.max(280, (element.clientWidth || 600) - 8);
  const plot = new uPlot({
    width: width(), height,
    axes: [{stroke: c.text, grid: {stroke: c.grid}}, {stroke: c.text, grid: {stroke: c.grid},
      values: (u, ticks) => ticks.map((t) => t + unit)}],
    series: [{}, ...names.map((name, i) => ({label: name, stroke: c.series[i % c.series.length], width: 1.5,
      fill: i === 0 ? c.series[0] + "22" : undefined}))],
    legend: {show: true},
    // A fixed time window (seconds) when given: with one bucket, uPlot would otherwise span years around it.
    scales: range ? {x: {time: true, range: () => range}} : {},
  }, data, element);
  const resize = new ResizeObserver(() => plot.setSize({width: width(), height}));
  resize.observe(element);
  return {
    element,
    set(next) { plot.setData(next); },
    push(t, ...values) {
      data[0].push(t);
      values.forEach((v, i) => data[i + 1].push(v));
      if (data[0].length > max) data.forEach((s) => s.shift());
      plot.setData(data);
    },
    destroy() { resize.disconnect(); plot.destroy(); },
  };
}

// The sparkline lives in spark.js, so that pages with only sparklines do not load uPlot.
export {sparkline} from "./spark.js";
