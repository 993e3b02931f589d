// Charts: uPlot (from its webjar, served by the server itself) for time series, a tiny SVG for sparklines.
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

/** A small inline SVG line of numbers (newest last), labelled for screen readers. */
export function sparkline(values, label, {width = 120, height = 24} = {}) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.classList.add("spark");
  const clean = values.filter((v) => Number.isFinite(v));
  if (clean.length > 1) {
    const max = Math.max(...clean, 1);
    const step = width / (clean.length - 1);
    const points = clean.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`);
    const line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points.join(" "));
    line.setAttribute("fill", "none");
    line.setAttribute("stroke", "currentColor");
    line.setAttribute("stroke-width", "1.5");
    svg.append(line);
  }
  return svg;
}
