// Histogram of events over time with a brush (pointer drag, or keyboard on the focused SVG).
const NS = 'http://www.w3.org/2000/svg';
const DAY = 86400000;

export function dayOf(iso) { return Date.parse(`${iso}T00:00:00Z`) / DAY; }
export function isoOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }

export class Timeline {
  constructor(svg, label, clearButton, onBrush) {
    Object.assign(this, { svg, label, clearButton, onBrush, sel: null, bins: [], lo: 0, hi: 1 });
    svg.addEventListener('pointerdown', (e) => this.down(e));
    svg.addEventListener('pointermove', (e) => this.move(e));
    svg.addEventListener('pointerup', (e) => this.up(e));
    svg.addEventListener('keydown', (e) => this.key(e));
    clearButton.addEventListener('click', () => this.set(null));
    new ResizeObserver(() => this.draw()).observe(svg);
  }

  // days: Float64Array of event days (NaN when undated)
  data(days) {
    let lo = Infinity, hi = -Infinity;
    for (const d of days) if (d === d) { if (d < lo) lo = d; if (d > hi) hi = d; }
    if (lo === Infinity) { lo = 0; hi = 1; }
    const span = hi - lo + 1;
    this.step = span > 1500 ? 30.44 : span > 200 ? 7 : 1;
    this.lo = lo; this.hi = hi + 1;
    const n = Math.max(1, Math.ceil((this.hi - lo) / this.step));
    const bins = new Uint32Array(n);
    for (const d of days) if (d === d) bins[Math.min(n - 1, Math.floor((d - lo) / this.step))]++;
    this.bins = bins;
    if (this.sel && (this.sel[1] < lo || this.sel[0] > this.hi)) this.sel = null;
    this.draw();
  }

  x(day) { return ((day - this.lo) / (this.hi - this.lo)) * this.w; }
  day(px) { return this.lo + (px / this.w) * (this.hi - this.lo); }

  draw() {
    const { svg, bins } = this;
    const r = svg.getBoundingClientRect();
    this.w = Math.max(50, r.width); const h = Math.max(30, r.height);
    svg.setAttribute('viewBox', `0 0 ${this.w} ${h}`);
    svg.replaceChildren();
    let max = 1; for (const b of bins) if (b > max) max = b;
    const bw = this.w / Math.max(1, bins.length);
    const frag = document.createDocumentFragment();
    bins.forEach((b, i) => {
      if (!b) return;
      const bh = Math.max(1, (b / max) * (h - 14));
      const rect = document.createElementNS(NS, 'rect');
      rect.setAttribute('x', i * bw); rect.setAttribute('width', Math.max(1, bw - 0.5));
      rect.setAttribute('y', h - 12 - bh); rect.setAttribute('height', bh);
      rect.setAttribute('class', 'bar');
      frag.appendChild(rect);
    });
    for (const t of [this.lo, (this.lo + this.hi) / 2, this.hi - 1]) {
      const tx = document.createElementNS(NS, 'text');
      tx.setAttribute('x', Math.min(this.w - 62, Math.max(0, this.x(t) - 30))); tx.setAttribute('y', h - 1);
      tx.textContent = isoOf(Math.floor(t)); frag.appendChild(tx);
    }
    if (this.sel) {
      const b = document.createElementNS(NS, 'rect');
      b.setAttribute('class', 'brush'); b.setAttribute('y', 0); b.setAttribute('height', h - 12);
      b.setAttribute('x', this.x(this.sel[0])); b.setAttribute('width', Math.max(2, this.x(this.sel[1]) - this.x(this.sel[0])));
      frag.appendChild(b);
    }
    svg.appendChild(frag);
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
    this.set(Math.abs(this.x(d) - this.x(a)) < 3 ? null : [Math.min(a, d), Math.max(a, d)]);
  }
  key(e) {
    const span = this.hi - this.lo; const stepD = span / 50;
    let s = this.sel ? [...this.sel] : [this.lo, this.lo + span / 10];
    if (e.key === 'Escape') return this.set(null);
    if (e.key === 'ArrowRight' && e.shiftKey) s[1] += stepD;
    else if (e.key === 'ArrowLeft' && e.shiftKey) s[1] = Math.max(s[0] + 1, s[1] - stepD);
    else if (e.key === 'ArrowRight') { s[0] += stepD; s[1] += stepD; }
    else if (e.key === 'ArrowLeft') { s[0] -= stepD; s[1] -= stepD; }
    else if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    this.set(s);
  }
  set(sel) {
    this.sel = sel ? [Math.max(this.lo, Math.floor(sel[0])), Math.min(this.hi, Math.ceil(sel[1]))] : null;
    const text = this.sel ? `${isoOf(this.sel[0])} to ${isoOf(this.sel[1] - 1)}` : 'no selection';
    this.svg.setAttribute('aria-valuetext', text);
    this.label.textContent = this.sel ? `Dates: ${text}` : 'Drag over the timeline (or focus it and use arrow keys) to filter by date';
    this.clearButton.hidden = !this.sel;
    this.draw();
    this.onBrush(this.sel);
  }
}
