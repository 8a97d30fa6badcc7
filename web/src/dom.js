// Small DOM helpers shared by the page's modules (one copy each: a fix in one place fixes them all).

const NS = 'http://www.w3.org/2000/svg';
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Text for HTML (element content or a quoted attribute); null and undefined become ''.
export const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);

// An SVG element with attributes and optional text.
export function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text != null) e.textContent = text;
  return e;
}
