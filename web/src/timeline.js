// Stacked histogram of events over time (by event type) with a count axis and a brush (pointer drag, or
// keyboard on the focused SVG). The date domain ignores outliers (a lone 1960 date among 2020s events):
// the events outside it are counted in the header, with a button to show every date.
import { TYPES, OTHER } from './colors.js';
import { el } from './dom.js';

const DAY = 86400000;
const PAD = { l: 38, r: 8, t: 6, b: 14 };
export const TYPE_NAMES = Object.keys(TYPES);
export const COLORS = [...Object.values(TYPES), OTHER]; // index = type index; the last is "other"

export function dayOf(iso) { return Date.parse(`${iso}T00:00:00Z`) / DAY; }
export function isoOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
export function typeIndex(t) { const i = TYPE_NAMES.indexOf(t); return i < 0 ? TYPE_NAMES.length : i; }

// The domain [lo, hi] (days) and how many events fall before/after it. From the quartiles outwards, a
// date is kept while the gap to the next kept one is at most the interquartile range (30 days at least):
// a continuous tail stays, an isolated far date does not.
export function robustDomain(sorted, all = false) {
  const n = sorted.length;
  if (!n) return { lo: 0, hi: 0, before: 0, after: 0 };
  if (all) return { lo: sorted[0], hi: sorted[n - 1], before: 0, after: 0 };
  let i = Math.floor(0.25 * (n - 1)), j = Math.ceil(0.75 * (n - 1)); // two dates: both kept
  const gap = Math.max(30, sorted[j] - sorted[i]);
  while (i > 0 && sorted[i] - sorted[i - 1] <= gap) i--;
  while (j < n - 1 && sorted[j + 1] - sorted[j] <= gap) j++;
  return { lo: sorted[i], hi: sorted[j], before: i, after: n - 1 - j };
}

// Calendar-aligned bin edges (days) covering [lo, hi]: days, Monday weeks, months or years by span.
export function binEdges(lo, hi) {
  const span = hi - lo + 1;
  const unit = span <= 92 ? 'day' : span <= 730 ? 'week' : span <= 9200 ? 'month' : 'year';
  const edges = [];
  if (unit === 'day' || unit === 'week') {
    const step = unit === 'day' ? 1 : 7;
    let d = unit === 'day' ? lo : lo - ((lo + 3) % 7 + 7) % 7; // day 0 (1970-01-01) was a Thursday
    for (; d <= hi; d += step) edges.push(d);
    edges.push(d);
  } else {
    const t = new Date(lo * DAY);
    let y = t.getUTCFullYear(), m = unit === 'month' ? t.getUTCMonth() : 0;
    for (;;) {
      const d = Date.UTC(y, m, 1) / DAY;
      edges.push(d);
      if (d > hi) break;
      if (unit === 'month') { m++; if (m === 12) { m = 0; y++; } } else y++;
    }
  }
  return { unit, edges };
}

// A "nice" step (1, 2 or 5 × 10^k) giving at most `most` ticks up to max.
export function niceStep(max, most) {
  const raw = Math.max(1, max / most);
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((k) => k * p).find((s) => s >= raw);
}


export class Timeline {
  constructor(svg, label, clearButton, onBrush) {
    Object.assign(this, { svg, label, clearButton, onBrush, sel: null, all: false, edges: [0, 1], counts: new Uint32Array(0), lo: 0, hi: 1 });
    this.days = new Float64Array(0); this.types = new Uint8Array(0); this.sorted = new Float64Array(0);
    const head = svg.parentElement.querySelector('.tl-head');
    this.out = document.createElement('span'); this.out.className = 'tl-out';
    this.allButton = document.createElement('button'); Object.assign(this.allButton, { type: 'button', id: 'tlall', hidden: true });
    this.allButton.addEventListener('click', () => { this.all = !this.all; this.rebin(); this.onToggle?.(this.all); });
    head.insertBefore(this.out, clearButton); head.insertBefore(this.allButton, clearButton);
    svg.addEventListener('pointerdown', (e) => this.down(e));
    svg.addEventListener('pointermove', (e) => this.move(e));
    svg.addEventListener('pointerup', (e) => this.up(e));
    svg.addEventListener('keydown', (e) => this.key(e));
    clearButton.addEventListener('click', () => this.set(null));
    new ResizeObserver(() => this.draw()).observe(svg);
  }

  // days: Float64Array of event days (NaN when undated); types: Uint8Array of type indexes (typeIndex)
  data(days, types) {
    this.days = days; this.types = types || new Uint8Array(days.length).fill(TYPE_NAMES.length);
    this.sorted = Float64Array.from(days).filter((d) => d === d).sort();
    this.rebin();
  }

  showAll(all) { if (all !== this.all) { this.all = all; this.rebin(); } }

  rebin() {
    const dom = robustDomain(this.sorted, this.all);
    Object.assign(this, { before: dom.before, after: dom.after });
    const { unit, edges } = binEdges(dom.lo, dom.hi);
    Object.assign(this, { unit, edges, lo: edges[0], hi: edges[edges.length - 1] });
    const k = COLORS.length, nb = edges.length - 1;
    const counts = new Uint32Array(nb * k);
    for (let i = 0; i < this.days.length; i++) {
      const d = this.days[i];
      if (!(d >= this.lo && d < this.hi)) continue;
      let a = 0, b = nb - 1; // the last edge <= d
      while (a < b) { const m = (a + b + 1) >> 1; if (edges[m] <= d) a = m; else b = m - 1; }
      counts[a * k + this.types[i]]++;
    }
    this.counts = counts;
    const cut = dom.before + dom.after;
    const parts = [];
    if (dom.before) parts.push(`${dom.before.toLocaleString('en')} earlier`);
    if (dom.after) parts.push(`${dom.after.toLocaleString('en')} later`);
    this.out.textContent = parts.length ? `${parts.join(', ')} event${cut === 1 ? '' : 's'} not shown`
      : this.sorted.length ? '' : this.days.length ? 'no dated events' : 'no events';
    this.allButton.hidden = !cut && !this.all;
    this.allButton.textContent = this.all ? 'Trim outlying dates' : 'Show all dates';
    if (this.sel && (this.sel[1] <= this.lo || this.sel[0] >= this.hi) && !this.all && this.sorted.length) this.showAll(true);
    this.draw();
  }

  get plotW() { return Math.max(10, this.w - PAD.l - PAD.r); }
  x(day) { return PAD.l + ((day - this.lo) / (this.hi - this.lo)) * this.plotW; }
  day(px) { return this.lo + ((px - PAD.l) / this.plotW) * (this.hi - this.lo); }

  draw() {
    const { svg, edges, counts } = this;
    const r = svg.getBoundingClientRect();
    this.w = Math.max(80, r.width); const h = Math.max(40, r.height);
    svg.setAttribute('viewBox', `0 0 ${this.w} ${h}`);
    svg.replaceChildren();
    const k = COLORS.length, nb = edges.length - 1, base = h - PAD.b, ph = base - PAD.t;
    let max = 0;
    for (let b = 0; b < nb; b++) { let s = 0; for (let t = 0; t < k; t++) s += counts[b * k + t]; if (s > max) max = s; }
    const step = niceStep(max, ph > 70 ? 4 : 2), top = Math.max(step, Math.ceil(max / step) * step);
    const y = (v) => base - (v / top) * ph;
    const frag = document.createDocumentFragment();
    const axis = el('g', { class: 'axis y', 'aria-hidden': 'true' });
    for (let v = 0; v <= top; v += step) {
      axis.appendChild(el('line', { x1: PAD.l - 3, x2: this.w - PAD.r, y1: y(v), y2: y(v), class: v ? 'grid' : 'base' }));
      axis.appendChild(el('text', { x: PAD.l - 5, y: y(v) + 3, 'text-anchor': 'end' }, v.toLocaleString('en')));
    }
    axis.appendChild(el('text', { x: PAD.l + 4, y: PAD.t + 8, class: 'unit' }, `events per ${this.unit}`));
    frag.appendChild(axis);
    for (let b = 0; b < nb; b++) {
      const x0 = this.x(edges[b]), bw = Math.max(1, this.x(edges[b + 1]) - x0 - (nb > 150 ? 0 : 1));
      let acc = 0;
      for (let t = 0; t < k; t++) {
        const c = counts[b * k + t];
        if (!c) continue;
        frag.appendChild(el('rect', { x: x0, width: bw, y: y(acc + c), height: Math.max(0.5, y(acc) - y(acc + c)), fill: COLORS[t], class: 'bar' }));
        acc += c;
      }
    }
    frag.appendChild(this.xAxis(base, h));
    if (this.sel) {
      const a = Math.max(PAD.l, this.x(this.sel[0])), b = Math.min(this.w - PAD.r, this.x(this.sel[1]));
      frag.appendChild(el('rect', { class: 'brush', y: PAD.t, height: ph, x: a, width: Math.max(2, b - a) }));
    }
    svg.appendChild(frag);
  }

  // Date labels at calendar boundaries: years, months or days, at most ~1 label per 70 px.
  xAxis(base, h) {
    const g = el('g', { class: 'axis x', 'aria-hidden': 'true' });
    if (!this.sorted.length) return g; // no dated event: no dates to label (the domain is a placeholder, 1970)
    const most = Math.max(2, Math.floor(this.plotW / 70)), span = this.hi - this.lo;
    const ticks = [];
    const t0 = new Date(this.lo * DAY), y0 = t0.getUTCFullYear();
    if (span > 3 * 365) {
      const s = niceStep(span / 365.25, most);
      for (let yr = Math.ceil(y0 / s) * s; Date.UTC(yr, 0, 1) / DAY < this.hi; yr += s) ticks.push([Date.UTC(yr, 0, 1) / DAY, String(yr)]);
    } else if (span > 60) {
      const s = [1, 2, 3, 6, 12].find((m) => span / 30.44 / m <= most);
      for (let m = Math.floor(t0.getUTCMonth() / s) * s, yr = y0; Date.UTC(yr, m, 1) / DAY < this.hi; m += s) {
        if (m >= 12) { yr += Math.floor(m / 12); m %= 12; }
        ticks.push([Date.UTC(yr, m, 1) / DAY, isoOf(Date.UTC(yr, m, 1) / DAY).slice(0, 7)]);
      }
    } else {
      const s = [1, 2, 7, 14, 28].find((d) => span / d <= most);
      for (let d = this.lo; d < this.hi; d += s) ticks.push([d, isoOf(d)]);
    }
    for (const [d, text] of ticks) {
      if (d < this.lo) continue;
      const x = this.x(d);
      g.appendChild(el('line', { x1: x, x2: x, y1: base, y2: base + 3, class: 'base' }));
      g.appendChild(el('text', { x: Math.min(this.w - 30, x), y: h - 2, 'text-anchor': 'middle' }, text));
    }
    return g;
  }

  px(e) { return e.clientX - this.svg.getBoundingClientRect().left; }
  down(e) { this.svg.setPointerCapture(e.pointerId); this.anchor = this.day(this.px(e)); }
  move(e) {
    if (this.anchor == null) return;
    const d = this.day(this.px(e));
    this.sel = [Math.min(d, this.anchor), Math.max(d, this.anchor)]; this.draw();
  }
  up(e) {
    if (this.anchor == null) return;
    const d = this.day(this.px(e)); const a = this.anchor; this.anchor = null;
    this.set(Math.abs(this.x(d) - this.x(a)) < 3 ? null : [this.snap(Math.min(a, d)), this.snap(Math.max(a, d))]);
  }
  // A dragged end moves to the nearest bin edge (whole days, weeks, months or years).
  snap(day) {
    let best = day, dist = Infinity;
    for (const e of this.edges) if (Math.abs(e - day) < dist) { dist = Math.abs(e - day); best = e; }
    return best;
  }
  key(e) {
    const span = this.hi - this.lo; const stepD = span / Math.max(1, this.edges.length - 1); // one bin
    let s = this.sel ? [...this.sel] : [this.lo, this.lo + span / 10];
    if (e.key === 'Escape') return this.set(null);
    if (e.key === 'ArrowRight' && e.shiftKey) s[1] += stepD;
    else if (e.key === 'ArrowLeft' && e.shiftKey) s[1] = Math.max(s[0] + 1, s[1] - stepD);
    else if (e.key === 'ArrowRight') { s[0] += stepD; s[1] += stepD; }
    else if (e.key === 'ArrowLeft') { s[0] -= stepD; s[1] -= stepD; }
    else if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    // Snap both ends to bin edges, as a drag does: one step is an average bin (30.4 days for months),
    // so unsnapped ends drift off the calendar (2015-01-31 to 2016-02-01).
    const a = this.snap(s[0]); let b = this.snap(s[1]);
    if (b <= a) b = this.edges.find((x) => x > a) ?? a + 1;
    this.set([a, b]);
  }
  // A brush from the URL: show every date when it lies outside the trimmed domain.
  restore(sel) {
    if (sel && (sel[0] < this.lo || sel[1] > this.hi)) this.showAll(true);
    this.set(sel, true);
  }
  // sel: [first day, day after the last) or null; quiet: do not call onBrush (restoring from the URL)
  set(sel, quiet = false) {
    this.sel = sel ? [Math.max(this.lo, Math.floor(sel[0])), Math.min(this.hi, Math.ceil(sel[1]))] : null;
    if (this.sel && this.sel[1] <= this.sel[0]) this.sel = null;
    const text = this.sel ? `${isoOf(this.sel[0])} to ${isoOf(this.sel[1] - 1)}` : 'no selection';
    this.svg.setAttribute('aria-valuetext', text);
    this.label.textContent = this.sel ? `Dates: ${text}` : 'Drag over the timeline (or focus it and use arrow keys) to filter by date';
    this.clearButton.hidden = !this.sel;
    this.draw();
    if (!quiet) this.onBrush(this.sel);
  }
}
