// The event panel: every field with its evidence, highlighted in the stored article text;
// removed boilerplate (mastheads, teasers, credits…) is shown struck out.
import { getJSON } from './api.js';
import { colorOf } from './colors.js';
import { esc } from './dom.js';

const ORDER = ['event_date', 'event_date_end', 'time_precision', 'event_type', 'sub_event_type', 'plover_type',
  'plover_mode', 'cameo_root', 'actor1', 'assoc_actor_1', 'actor2', 'assoc_actor_2', 'inter1', 'inter2', 'location', 'admin2',
  'admin1', 'country', 'iso3', 'latitude', 'longitude', 'geo_precision', 'geonameid', 'fatalities', 'fatalities_low',
  'fatalities_high', 'certainty', 'attribution', 'source', 'source_scale', 'notes'];


// Article text as HTML: <del> for removed segments, <mark data-fields> for evidence spans.
export function markup(text, segments, evidence) {
  const cuts = new Set([0, text.length]);
  const removed = segments.filter((g) => g.removed);
  for (const g of removed) { cuts.add(g.start); cuts.add(g.end); }
  for (const e of evidence) { cuts.add(e.start); cuts.add(e.end); }
  const pts = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < pts.length; i++) {
    const [a, b] = [pts[i], pts[i + 1]];
    let piece = esc(text.slice(a, b));
    const fields = [...new Set(evidence.filter((e) => e.start <= a && b <= e.end).map((e) => e.field))];
    if (fields.length) piece = `<mark data-fields="${fields.join(' ')}" title="evidence: ${fields.join(', ')}">${piece}</mark>`;
    const g = removed.find((s) => s.start <= a && b <= s.end);
    if (g) piece = `<del title="removed: ${esc(g.reason || g.kind)}" data-kind="${esc(g.kind)}">${piece}</del>`;
    html += piece;
  }
  return html;
}

export async function showEvent(panel, id) {
  panel.hidden = false;
  panel.innerHTML = '<p>Loading…</p>';
  const ev = await getJSON(`events/${encodeURIComponent(id)}`);
  const byField = {};
  for (const e of ev.evidence || []) (byField[e.field] ||= []).push(e);
  const rows = ORDER.filter((f) => ev[f] != null && ev[f] !== '').map((f) => {
    const spans = (byField[f] || []).map((e, i) =>
      `<button type="button" class="ev" data-field="${f}" data-article="${esc(e.article_id)}" data-i="${i}">“${esc(e.text)}”</button>`).join(' ');
    return `<tr><th scope="row">${f}</th><td>${esc(ev[f])}</td><td>${spans || '<span class="none">—</span>'}</td></tr>`;
  }).join('');
  const sources = (ev.articles || []).map((a) => `<li>${a.found ? '' : '(not stored) '}<b>${esc(a.title || a.article_id)}</b>
    ${a.publisher ? ` — ${esc(a.publisher)}` : ''}${a.published ? `, ${esc(a.published)}` : ''}
    ${a.url ? ` <a href="${esc(a.url)}" rel="noopener noreferrer">link</a>` : ''}</li>`).join('');
  panel.innerHTML = `
    <div class="panel-head"><h2><span class="dot" style="background:${colorOf(ev.event_type)}"></span>
      ${esc(ev.event_type || 'Event')} — ${esc(ev.location || ev.country || '')}, ${esc(ev.event_date || 'undated')}</h2>
      <button type="button" class="close" aria-label="Close event details">×</button></div>
    <p class="badges"><span class="cert cert-${esc(ev.certainty || 'none')}">certainty: ${esc(ev.certainty || '?')}</span>
      ${ev.attribution ? `<span>according to ${esc(ev.attribution)}</span>` : ''}
      <span>${(ev.article_ids || []).length} source article(s)</span></p>
    <h3>Sources</h3><ul class="sources">${sources}</ul>
    <h3>Fields and evidence</h3>
    <table class="fields"><thead><tr><th>field</th><th>value</th><th>evidence</th></tr></thead><tbody>${rows}</tbody></table>
    <h3>Article text <small>(evidence highlighted; removed boilerplate struck out)</small></h3>
    <div id="articles"></div>`;
  panel.querySelector('.close').addEventListener('click', () => { panel.hidden = true; document.getElementById('list').focus(); });
  const box = panel.querySelector('#articles');
  for (const aid of ev.article_ids || []) {
    let art;
    try { art = await getJSON(`articles/${encodeURIComponent(aid)}`); } catch { continue; }
    const ev4a = (ev.evidence || []).filter((e) => e.article_id === aid);
    const div = document.createElement('article');
    div.className = 'text'; div.dataset.article = aid; div.tabIndex = 0;
    div.setAttribute('aria-label', `Text of ${art.title || aid}`);
    div.innerHTML = markup(art.text, art.segments, ev4a);
    box.appendChild(div);
  }
  panel.querySelectorAll('button.ev').forEach((b) => b.addEventListener('click', () => focusField(panel, b.dataset.field, b.dataset.article)));
  panel.focus();
  return ev;
}

export function focusField(panel, field, articleId) {
  panel.querySelectorAll('mark.active').forEach((m) => m.classList.remove('active'));
  const art = panel.querySelector(`article[data-article="${CSS.escape(articleId)}"]`);
  if (!art) return;
  const marks = [...art.querySelectorAll('mark')].filter((m) => m.dataset.fields.split(' ').includes(field));
  marks.forEach((m) => m.classList.add('active'));
  if (marks[0]) marks[0].scrollIntoView({ block: 'center', behavior: 'instant' });
}
