// Sparklines: a tiny inline SVG, no chart library.

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
