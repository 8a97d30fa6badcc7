// Per-actor and per-place views (#actor=NAME, #place=GEONAMEID-or-NAME): events over time by type, the
// types, the other side (partners) and places of an actor, the actors of a place, links to the events.
// Uses GET /actors/{name} and /places/{key} when the server has them (their counts include associated
// actors and aliases); without them every number comes from /events filters alone. The chart always
// comes from the events themselves (stacked by type).
import { getJSON, loadEvents, query } from './api.js';
import { actorsOf, barList, placeKey, placeLabel, placesOf, staticTimeline, topCounts } from './charts.js';
import { colorOf } from './colors.js';
import { esc } from './dom.js';
import { dayOf, typeIndex } from './timeline.js';

const VIEW_FIELDS = 'event_id,event_date,event_type,fatalities,actor1,actor2,location,admin2,admin1,country,geonameid,latitude,longitude';
const MAX_VIEW_EVENTS = 20000;
const lower = (s) => String(s ?? '').toLowerCase();

// Whether the server has a route (its OpenAPI document, read once): no probing request that 404s.
let routes = null;
async function hasRoute(path) {
  routes ||= getJSON('openapi.json').then((d) => new Set(Object.keys(d.paths || {}))).catch(() => new Set());
  return (await routes).has(path);
}

// The summary route's answer, or null when the server lacks the route or knows no such name (404).
async function summary(route, path) {
  if (!(await hasRoute(route))) return null;
  const r = await fetch(path, { headers: { Accept: 'application/json' } });
  if (r.status === 404) return null;
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${r.status}`);
  return body;
}

// The actor's events: exact name in actor1/actor2 (an alias only matches through the API's filter).
function actorEvents(all, name) {
  const n = lower(name);
  const exact = all.filter((e) => lower(e.actor1) === n || lower(e.actor2) === n);
  return exact.length ? exact : all;
}
const partnerOf = (name) => (e) => {
  const n = lower(name);
  if (lower(e.actor1) === n) return [e.actor2];
  if (lower(e.actor2) === n) return [e.actor1];
  return [];
};

function fromEvents(events) {
  const dated = events.map((e) => e.event_date).filter(Boolean).sort();
  return {
    events: events.length,
    fatalities: events.reduce((s, e) => s + (e.fatalities || 0), 0),
    first_date: dated[0], last_date: dated[dated.length - 1],
    by_type: topCounts(events, (e) => [e.event_type], 10),
  };
}

export class Views {
  // hooks: onClose(), onFilterActor(name), onShowPlace(lat, lon), placeHint(key) → an event at that place
  constructor(section, hooks) {
    Object.assign(this, { section, hooks, current: null });
    section.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.close(); });
  }

  close() { this.section.hidden = true; this.current = null; this.hooks.onClose?.(); }

  async open(kind, key) {
    const token = this.current = `${kind}:${key}`;
    this.section.hidden = false;
    this.section.innerHTML = '<p>Loading…</p>';
    try {
      const v = kind === 'actor' ? await this.actor(key) : await this.place(key);
      if (this.current !== token) return null;
      this.render(kind, key, v);
      return v;
    } catch (err) {
      if (this.current === token) this.section.innerHTML = `<p class="note">Error: ${esc(err.message)}</p><button type="button" class="close">Close</button>`;
      this.section.querySelector('.close')?.addEventListener('click', () => this.close());
      return null;
    }
  }

  async actor(name) {
    const filter = { actor: name };
    const [s, got] = await Promise.all([
      summary('/actors/{name}', `actors/${encodeURIComponent(name)}`).catch(() => null),
      loadEvents(filter, () => {}, undefined, VIEW_FIELDS, MAX_VIEW_EVENTS),
    ]);
    const events = actorEvents(got.events, name);
    const kb = s || (await getJSON(`actors?${query({ q: name, limit: 20 })}`).catch(() => [])).find((a) => lower(a.name) === lower(name)) || {};
    const own = fromEvents(events);
    return {
      title: s?.name || name, filter, events, truncated: got.truncated, route: Boolean(s),
      stats: s ? { events: s.events, fatalities: s.fatalities, first_date: s.first_date, last_date: s.last_date } : own,
      badges: [kb.kind && `kind: ${kb.kind}`, kb.inter != null && `inter ${kb.inter}`, kb.aliases?.length && `also: ${kb.aliases.slice(0, 4).join(', ')}`],
      types: s ? s.by_type.map((t) => [t.event_type, t.events, t.event_type]) : own.by_type,
      lists: [
        ['Partners (the other side)', 'actor', s ? s.partners.map((p) => [p.name, p.events, p.name]) : topCounts(events, partnerOf(name), 10)],
        ['Places', 'place', s ? s.places.map((p) => [placeKey(p), p.events, placeLabel({ ...p, location: p.location })]) : topCounts(events, placesOf, 10, placeLabel)],
      ],
    };
  }

  async place(key) {
    const s = await summary('/places/{key}', `places/${encodeURIComponent(key)}`).catch(() => null);
    let hint = s ? { location: s.name, admin1: s.admin1, country: s.country, latitude: s.latitude, longitude: s.longitude } : this.hooks.placeHint?.(key);
    if (!hint && /^\d+$/.test(key)) hint = (await getJSON('places?limit=1000')).find((p) => String(p.geonameid) === key);
    if (!hint) hint = { location: key };
    const numeric = /^\d+$/.test(key), level = s?.level || (numeric ? 'geonameid' : 'location');
    // /events filters each level exactly (geonameid, location, admin2, admin1, country: whole names)
    const filter = level === 'country' ? { country: hint.location } : level === 'admin1' ? { admin1: hint.location, country: hint.country }
      : level === 'admin2' ? { admin2: hint.location, country: hint.country }
      : level === 'geonameid' ? { geonameid: key } : { location: hint.location, country: hint.country };
    const got = await loadEvents(filter, () => {}, undefined, VIEW_FIELDS, MAX_VIEW_EVENTS);
    const events = got.events;
    const own = fromEvents(events);
    const at = events.find((e) => e.latitude != null) || hint;
    const parts = level === 'country' ? [hint.location] : level === 'admin1' ? [hint.location, hint.country] : [hint.location, hint.admin1, hint.country];
    const lists = [['Actors', 'actor', s ? s.actors.map((a) => [a.name, a.events, a.name]) : topCounts(events, actorsOf, 10)]];
    if (s?.places?.length && (level === 'admin1' || level === 'admin2' || level === 'country')) {
      lists.push(['Places', 'place', s.places.map((p) => [placeKey(p), p.events, placeLabel(p)])]);
    }
    return {
      title: [...new Set(parts.filter(Boolean))].join(', '),
      filter, events, truncated: got.truncated, route: Boolean(s), at,
      stats: s ? { events: s.events, fatalities: s.fatalities, first_date: s.first_date, last_date: s.last_date } : own,
      badges: [s?.level && `level: ${s.level}`, numeric && `GeoNames ${key}`],
      types: s ? s.by_type.map((t) => [t.event_type, t.events, t.event_type]) : own.by_type,
      lists,
    };
  }

  render(kind, key, v) {
    const q = query(v.filter).toString();
    const st = v.stats;
    this.section.innerHTML = `
      <div class="panel-head"><h2>${kind === 'actor' ? 'Actor' : 'Place'}: <span class="vname">${esc(v.title)}</span></h2>
        <button type="button" class="close" aria-label="Close the ${kind} view">×</button></div>
      <p class="badges">${v.badges.filter(Boolean).map((b) => `<span>${esc(b)}</span>`).join('')}</p>
      <p class="vstats"><b>${st.events.toLocaleString('en')}</b> events · <b>${(st.fatalities || 0).toLocaleString('en')}</b> killed
        ${st.first_date ? `· ${esc(st.first_date)} to ${esc(st.last_date)}` : ''}</p>
      <h3>Events over time</h3><svg class="vtime" role="img" aria-label="Events over time by type"></svg>
      ${v.truncated ? `<p class="note">Chart and lists from the first ${MAX_VIEW_EVENTS.toLocaleString('en')} events.</p>` : ''}
      <h3>Event types</h3><ol class="bars vtypes"></ol>
      ${v.lists.map(([title], i) => `<h3>${esc(title)}</h3><ol class="bars vlist" data-i="${i}"></ol>`).join('')}
      <p class="vlinks"><button type="button" class="vshow">${kind === 'actor' ? 'Filter the map to this actor' : 'Show on the map'}</button>
        <a href="events?${q}&limit=1000">events (JSON)</a> · <a href="events?${q}&format=csv&limit=10000" download>CSV</a>
</p>
      <p class="note">All stored events; the page's filters and dates do not apply${v.route ? '' : ' (counted from /events)'}.</p>`;
    const days = Float64Array.from(v.events, (e) => (e.event_date ? dayOf(e.event_date) : NaN));
    staticTimeline(this.section.querySelector('.vtime'), days, Uint8Array.from(v.events, (e) => typeIndex(e.event_type)));
    barList(this.section.querySelector('.vtypes'), v.types, { color: colorOf });
    const pick = (k) => (key2) => this.hooks.onPick?.(k, key2);
    this.section.querySelectorAll('.vlist').forEach((ol) => {
      const [, k, rows] = v.lists[Number(ol.dataset.i)];
      barList(ol, rows.filter((r) => r[0]), { onPick: pick(k), kind: k });
    });
    Object.assign(this.section.dataset, { kind, key }); // what was asked for (the title may be a canonical name)
    this.section.querySelector('.close').addEventListener('click', () => this.close());
    this.section.querySelector('.vshow').addEventListener('click', () => (kind === 'actor'
      ? this.hooks.onFilterActor?.(v.title) : v.at?.latitude != null && this.hooks.onShowPlace?.(v.at.latitude, v.at.longitude)));
    this.section.focus();
  }
}
