// Benchmark support: a hand-written SVG line chart (log–log panels side by side) from the measured numbers, so
// docs/benchmarks.svg needs no charting dependency and is regenerated with the figures.

export interface Series {
  name: string;
  color: string;
  /** One value per x; non-positive values are skipped (log axes). */
  values: number[];
  dashed?: boolean;
}

export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  xs: number[];
  series: Series[];
}

const W = 460;
const H = 360;
const M = { left: 64, right: 16, top: 40, bottom: 118 };

/** Panels side by side in one SVG document. */
export function chartSvg(panels: Panel[], caption: string): string {
  const width = W * panels.length;
  const height = H + 28;
  const body = panels.map((p, i) => `<g transform="translate(${i * W},0)">${panel(p)}</g>`).join("\n");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    body,
    `<text x="${width / 2}" y="${height - 10}" text-anchor="middle" fill="#555">${escape(caption)}</text>`,
    "</svg>",
    "",
  ].join("\n");
}

function panel(p: Panel): string {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const all = p.series.flatMap((s) => s.values).filter((v) => v > 0);
  const [yMin, yMax] = decades(Math.min(...all), Math.max(...all));
  const [xMin, xMax] = [Math.min(...p.xs), Math.max(...p.xs)];
  const lx = (x: number) => M.left + ((Math.log10(x) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin) || 1)) * plotW;
  const ly = (y: number) => M.top + plotH - ((Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotH;
  const out: string[] = [];
  out.push(`<text x="${M.left}" y="22" font-size="14" font-weight="bold">${escape(p.title)}</text>`);
  for (const y of ticks(yMin, yMax)) {
    const major = Math.abs(Math.log10(y) - Math.round(Math.log10(y))) < 1e-9;
    out.push(`<line x1="${M.left}" x2="${M.left + plotW}" y1="${f(ly(y))}" y2="${f(ly(y))}" stroke="${major ? "#ccc" : "#eee"}"/>`);
    out.push(`<text x="${M.left - 6}" y="${f(ly(y) + 4)}" text-anchor="end" fill="#333">${label(y)}</text>`);
  }
  for (const x of p.xs) {
    out.push(`<line x1="${f(lx(x))}" x2="${f(lx(x))}" y1="${M.top}" y2="${M.top + plotH}" stroke="#eee"/>`);
    out.push(`<text x="${f(lx(x))}" y="${M.top + plotH + 16}" text-anchor="middle" fill="#333">${x}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  out.push(`<text x="${M.left + plotW / 2}" y="${M.top + plotH + 34}" text-anchor="middle">${escape(p.xLabel)}</text>`);
  out.push(`<text transform="translate(16,${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escape(p.yLabel)}</text>`);
  p.series.forEach((s, i) => {
    const points = p.xs.map((x, j) => [x, s.values[j] ?? 0] as const).filter(([, v]) => v > 0);
    const d = points.map(([x, v], j) => `${j === 0 ? "M" : "L"}${f(lx(x))},${f(ly(v))}`).join(" ");
    out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6,4"' : ""}/>`);
    for (const [x, v] of points) out.push(`<circle cx="${f(lx(x))}" cy="${f(ly(v))}" r="3.5" fill="${s.color}"><title>${escape(`${s.name}: ${label(v)} at ${x}`)}</title></circle>`);
    const ky = M.top + plotH + 52 + i * 16;
    out.push(`<line x1="${M.left}" x2="${M.left + 22}" y1="${ky - 4}" y2="${ky - 4}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6,4"' : ""}/>`);
    out.push(`<text x="${M.left + 28}" y="${ky}">${escape(s.name)}</text>`);
  });
  return out.join("\n");
}

/** [min, max] widened to the nearest 1, 2 or 5 × 10^k below and above. */
function decades(min: number, max: number): [number, number] {
  const steps = (k: number) => [1, 2, 5].map((m) => m * 10 ** k);
  const low = steps(Math.floor(Math.log10(min))).filter((v) => v <= min).pop() ?? 10 ** Math.floor(Math.log10(min));
  const k = Math.floor(Math.log10(max));
  const high = [...steps(k), 10 ** (k + 1)].find((v) => v >= max * 1.15) ?? 10 ** (k + 2);
  return [low, high];
}

/** 1, 2, 5 × 10^k inside [min, max]. */
function ticks(min: number, max: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(min)); 10 ** k <= max; k++) for (const m of [1, 2, 5]) if (m * 10 ** k >= min * 0.9999 && m * 10 ** k <= max * 1.0001) out.push(m * 10 ** k);
  return out;
}

const label = (v: number): string => (v >= 1000 ? `${Number((v / 1000).toPrecision(3))}k` : String(Number(v.toPrecision(3))));
const f = (n: number): string => n.toFixed(1);
const escape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
