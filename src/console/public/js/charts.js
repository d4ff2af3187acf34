// Small SVG charts drawn here, so the dashboard needs no charting library or CDN. Each chart
// carries its figures as a table too (for screen readers, and for copying numbers).
import { h } from './dom.js';
import { t } from './i18n.js';

const NS = 'http://www.w3.org/2000/svg';
export const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
export const SEVERITY_COLORS = { LOW: '#94a3b8', MEDIUM: '#f59e0b', HIGH: '#ea580c', CRITICAL: '#b91c1c' };

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function figure(title, svg, table) {
  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, title),
    svg,
    h('details', { class: 'chart-table' }, h('summary', {}, t('chartTable')), table),
  );
}

function table(headers, rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))));
}

/**
 * Horizontal bars: one row per label, stacked by `keys` when values are objects.
 * rows: [{ label, values: { key: number } }], keys: [{ key, label, color }]
 */
export function stackedBars(title, rows, keys, { format = (v) => String(v), max } = {}) {
  const width = 560;
  const labelW = 230;
  const rowH = 26;
  const height = Math.max(rows.length, 1) * rowH + 34;
  const totals = rows.map((r) => keys.reduce((a, k) => a + (r.values[k.key] ?? 0), 0));
  const top = max ?? Math.max(1, ...totals);
  const scale = (v) => ((width - labelW - 60) * v) / top;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart-svg' });
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    const shown = r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label;
    svg.append(s('text', { x: labelW - 8, y: y + 16, 'text-anchor': 'end', class: 'chart-label' }, shown, s('title', {}, r.label)));
    let x = labelW;
    for (const k of keys) {
      const v = r.values[k.key] ?? 0;
      if (v <= 0) continue;
      const w = Math.max(1, scale(v));
      svg.append(s('rect', { x, y, width: w, height: rowH - 8, fill: k.color, rx: 2 }, s('title', {}, `${r.label} · ${k.label}: ${format(v)}`)));
      x += w;
    }
    svg.append(s('text', { x: x + 6, y: y + 16, class: 'chart-value' }, format(totals[i])));
  });
  if (rows.length === 0) svg.append(s('text', { x: 10, y: 20, class: 'chart-label' }, t('none')));
  if (keys.length > 1) {
    let lx = 10;
    keys.forEach((k) => {
      const ly = height - 12;
      svg.append(s('rect', { x: lx, y: ly - 9, width: 10, height: 10, fill: k.color }));
      svg.append(s('text', { x: lx + 14, y: ly, class: 'chart-legend' }, k.label));
      lx += 14 + k.label.length * 7 + 18;
    });
  }
  const tableRows = rows.map((r, i) => [r.label, ...(keys.length > 1 ? keys.map((k) => format(r.values[k.key] ?? 0)) : []), format(totals[i])]);
  return figure(title, svg, table(['', ...(keys.length > 1 ? keys.map((k) => k.label) : []), t('total')], tableRows));
}

/** Simple bars from { label: value }. */
export function bars(title, entries, { color = PALETTE[0], format } = {}) {
  return stackedBars(
    title,
    entries.map(([label, value]) => ({ label, values: { v: value } })),
    [{ key: 'v', label: title, color }],
    { format },
  );
}

/** Vertical grouped columns per day for two or more series. days: [{ day, values: { key: n } }] */
export function columns(title, days, series) {
  const width = 560;
  const height = 200;
  const pad = { l: 34, r: 8, t: 10, b: 40 };
  const max = Math.max(1, ...days.flatMap((d) => series.map((x) => d.values[x.key] ?? 0)));
  const slot = (width - pad.l - pad.r) / Math.max(days.length, 1);
  const bw = Math.max(1, (slot - 2) / series.length);
  const y = (v) => pad.t + (height - pad.t - pad.b) * (1 - v / max);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart-svg' });
  svg.append(s('line', { x1: pad.l, y1: y(0), x2: width - pad.r, y2: y(0), class: 'chart-axis' }));
  svg.append(s('text', { x: pad.l - 4, y: y(max) + 4, 'text-anchor': 'end', class: 'chart-value' }, max));
  days.forEach((d, i) => {
    series.forEach((ser, j) => {
      const v = d.values[ser.key] ?? 0;
      if (v <= 0) return;
      svg.append(s('rect', { x: pad.l + i * slot + 1 + j * bw, y: y(v), width: bw, height: y(0) - y(v), fill: ser.color }, s('title', {}, `${d.day} ${ser.label}: ${v}`)));
    });
    const every = Math.ceil(days.length / 8);
    if (i % every === 0) svg.append(s('text', { x: pad.l + i * slot + slot / 2, y: height - pad.b + 14, 'text-anchor': 'middle', class: 'chart-legend' }, d.day.slice(5)));
  });
  let lx = pad.l;
  for (const ser of series) {
    svg.append(s('rect', { x: lx, y: height - 14, width: 10, height: 10, fill: ser.color }));
    svg.append(s('text', { x: lx + 14, y: height - 5, class: 'chart-legend' }, ser.label));
    lx += 14 + ser.label.length * 7 + 18;
  }
  return figure(title, svg, table(['', ...series.map((x) => x.label)], days.map((d) => [d.day, ...series.map((x) => d.values[x.key] ?? 0)])));
}

/**
 * A small picture of an account and its counterparties: the account in the middle, each
 * counterparty on a circle around it, line width by amount, arrows by direction.
 * parties: [{ label, inFen, outFen }]
 */
export function counterpartyGraph(title, centre, parties) {
  const size = 320;
  const c = size / 2;
  const r = 120;
  const max = Math.max(1, ...parties.map((p) => p.inFen + p.outFen));
  const svg = s('svg', { viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': title, class: 'chart-svg graph' });
  parties.slice(0, 16).forEach((p, i, all) => {
    const a = (2 * Math.PI * i) / all.length - Math.PI / 2;
    const x = c + r * Math.cos(a);
    const y = c + r * Math.sin(a);
    const w = 1 + (6 * (p.inFen + p.outFen)) / max;
    const color = p.outFen > p.inFen ? PALETTE[1] : PALETTE[0];
    svg.append(s('line', { x1: c, y1: c, x2: x, y2: y, stroke: color, 'stroke-width': w, 'stroke-opacity': 0.7 }, s('title', {}, `${p.label}: in ${(p.inFen / 100).toFixed(2)} / out ${(p.outFen / 100).toFixed(2)}`)));
    svg.append(s('circle', { cx: x, cy: y, r: 7, fill: '#fff', stroke: color, 'stroke-width': 2 }));
    svg.append(s('text', { x, y: y + (y > c ? 20 : -12), 'text-anchor': 'middle', class: 'chart-legend' }, p.label));
  });
  svg.append(s('circle', { cx: c, cy: c, r: 12, fill: PALETTE[4] }));
  svg.append(s('text', { x: c, y: c + 28, 'text-anchor': 'middle', class: 'chart-label' }, centre));
  return figure(title, svg, table(['', 'in (CNY)', 'out (CNY)'], parties.map((p) => [p.label, (p.inFen / 100).toFixed(2), (p.outFen / 100).toFixed(2)])));
}
