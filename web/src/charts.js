// The page's charts in plain SVG/DOM: ranked bar lists (top actors, top places, types, partners) and a
// static stacked timeline with a count axis (the actor and place views).
import { el, esc } from './dom.js';
import { COLORS, binEdges, isoOf, niceStep, robustDomain } from './timeline.js';


// A place's key: its GeoNames id when resolved (what GET /places/{key} takes), else its name.
export const placeKey = (e) => (e.geonameid != null ? String(e.geonameid) : e.location || '');
export const placeLabel = (e) => [e.location, e.country].filter(Boolean).join(', ');

// [[key, count, label]] most frequent first (ties by label); keysOf returns an event's keys (each counted once).
export function topCounts(events, keysOf, n = 10, labelOf = null) {
  const m = new Map();
  for (const e of events) {
    for (const k of new Set(keysOf(e))) {
      if (!k) continue;
      const row = m.get(k);
      if (row) row[1]++; else m.set(k, [k, 1, labelOf ? labelOf(e) : k]);
    }
  }
  return [...m.values()].sort((a, b) => b[1] - a[1] || String(a[2]).localeCompare(String(b[2]))).slice(0, n);
}

export const actorsOf = (e) => [e.actor1, e.actor2];
export const placesOf = (e) => (e.location ? [placeKey(e)] : []);

// A ranked list of buttons with proportional bars; onPick(key, label) on click (or Enter).
export function barList(ol, rows, { onPick = null, color = null, kind = '', empty = 'none' } = {}) {
  const max = Math.max(1, ...rows.map((r) => r[1]));
  ol.innerHTML = rows.length ? rows.map(([key, n, label]) => {
    const bar = `<span class="bar" style="width:${((100 * n) / max).toFixed(1)}%;${color ? `background:${color(key)}40;border-left:4px solid ${color(key)}` : ''}"></span>`;
    const body = `<span class="name" title="${esc(label)}">${esc(label)}</span><span class="n">${n.toLocaleString('en')}</span>${bar}`;
    return `<li>${onPick ? `<button type="button" data-kind="${kind}" data-key="${esc(key)}" data-label="${esc(label)}">${body}</button>` : `<div>${body}</div>`}</li>`;
  }).join('') : `<li class="note">${esc(empty)}</li>`;
  if (onPick) ol.onclick = (e) => { const b = e.target.closest('button[data-key]'); if (b) onPick(b.dataset.key, b.dataset.label); };
}


// Events over time, stacked by type, with a count axis; days: Float64Array, types: Uint8Array (typeIndex).
export function staticTimeline(svg, days, types, width = 380, height = 110) {
  const sorted = Float64Array.from(days).filter((d) => d === d).sort();
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  if (!sorted.length) return;
  const dom = robustDomain(sorted);
  const { unit, edges } = binEdges(dom.lo, dom.hi);
  const k = COLORS.length, nb = edges.length - 1, lo = edges[0], hi = edges[nb];
  const counts = new Uint32Array(nb * k);
  for (let i = 0; i < days.length; i++) {
    const d = days[i];
    if (!(d >= lo && d < hi)) continue;
    let a = 0; while (a + 1 < nb && edges[a + 1] <= d) a++;
    counts[a * k + types[i]]++;
  }
  const sums = Array.from({ length: nb }, (_, b) => counts.slice(b * k, b * k + k).reduce((s, c) => s + c, 0));
  const max = Math.max(1, ...sums), step = niceStep(max, 3), top = Math.ceil(max / step) * step;
  const L = 30, B = height - 14, T = 12, W = width - L - 4;
  const x = (d) => L + ((d - lo) / (hi - lo)) * W, y = (v) => B - (v / top) * (B - T);
  for (let v = 0; v <= top; v += step) {
    svg.appendChild(el('line', { x1: L - 3, x2: width - 4, y1: y(v), y2: y(v), class: v ? 'grid' : 'base' }));
    svg.appendChild(el('text', { x: L - 5, y: y(v) + 3, 'text-anchor': 'end' }, v.toLocaleString('en')));
  }
  svg.appendChild(el('text', { x: L + 4, y: 9, class: 'unit' }, `events per ${unit}` + (dom.before + dom.after ? ` (${dom.before + dom.after} outlying not shown)` : '')));
  for (let b = 0; b < nb; b++) {
    let acc = 0;
    for (let t = 0; t < k; t++) {
      const c = counts[b * k + t];
      if (!c) continue;
      svg.appendChild(el('rect', { x: x(edges[b]), width: Math.max(1, x(edges[b + 1]) - x(edges[b]) - (nb > 100 ? 0 : 1)), y: y(acc + c), height: y(acc) - y(acc + c), fill: COLORS[t], class: 'bar' }));
      acc += c;
    }
  }
  svg.appendChild(el('text', { x: L, y: height - 2 }, isoOf(lo)));
  svg.appendChild(el('text', { x: width - 4, y: height - 2, 'text-anchor': 'end' }, isoOf(hi - 1)));
}
