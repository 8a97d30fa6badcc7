// Dateline's map page: filters (same names as the API), map, timeline brush, event list and panel.
import 'leaflet/dist/leaflet.css';
import './style.css';
import { getJSON, loadEvents, query } from './api.js';
import { TYPES, OTHER } from './colors.js';
import { EventMap } from './map.js';
import { showEvent } from './panel.js';
import { Timeline, dayOf, isoOf, typeIndex } from './timeline.js';
import { actorsOf, barList, placeLabel, placesOf, topCounts } from './charts.js';
import { getState, setState } from './urlstate.js';
import { Views } from './views.js';
import { esc } from './dom.js';

const $ = (s) => document.querySelector(s);
const state = { events: [], days: new Float64Array(0), brush: null, loading: null };
window.__dateline = state; // for the end-to-end test

const status = (t) => { $('#status').textContent = t; };

const map = new EventMap($('#map'), open);
state.map = map.map;
const timeline = new Timeline($('#hist'), $('#brushlabel'), $('#clearbrush'), (sel) => {
  state.brush = sel; refresh();
  setState({ brush: sel ? `${isoOf(sel[0])}..${isoOf(sel[1] - 1)}` : null });
});
timeline.onToggle = (all) => setState({ dates: all ? 'all' : null });
state.timeline = timeline;
// The brush in the URL (#brush=2024-05-01..2024-05-31, both days included), as [first day, day after).
function urlBrush() {
  const m = /^(\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d)$/.exec(getState('brush') || '');
  return m && dayOf(m[1]) <= dayOf(m[2]) ? [dayOf(m[1]), dayOf(m[2]) + 1] : null;
}

// Top actors and places of the events after the filters and the timeline; a click opens the view.
const views = new Views($('#view'), {
  onClose: () => { setState({ actor: null, place: null }); $('#charts').focus(); },
  onPick: (kind, key) => openView(kind, key),
  onFilterActor: (name) => { $('#filters').elements.actor.value = name; load(); },
  onShowPlace: (lat, lon) => map.map.setView([lat, lon], 9),
  placeHint: (key) => state.events.find((e) => String(e.geonameid) === key || e.location === key),
});
state.views = views;
function openView(kind, key) {
  setState({ actor: kind === 'actor' ? key : null, place: kind === 'place' ? key : null });
  return views.open(kind, key);
}
function charts(events) {
  barList($('#topactors'), topCounts(events, actorsOf, 8), { onPick: (k) => openView('actor', k), kind: 'actor', empty: 'no actors' });
  barList($('#topplaces'), topCounts(events, placesOf, 8, placeLabel), { onPick: (k) => openView('place', k), kind: 'place', empty: 'no places' });
}

function legend() {
  $('#legend').innerHTML = [...Object.entries(TYPES), ['Other', OTHER]]
    .map(([t, c]) => `<li><span class="dot" style="background:${c}"></span>${esc(t)}</li>`).join('')
    + '<li class="note">size: fatalities</li>';
}

// The events the brush keeps: those whose start day (event_date) lies in it, the same rule as the
// timeline's bars (one bar per event, at its start), so the bars under the brush add up to the events
// kept (docs/charts.md). An undated event is kept only while nothing is brushed.
function filtered() {
  if (!state.brush) return state.events;
  const [a, b] = state.brush;
  return state.events.filter((e, i) => state.days[i] >= a && state.days[i] < b);
}

const item = (e) => `<li><button type="button" data-id="${esc(e.event_id)}">
  <b>${esc(e.event_date || 'undated')}</b> ${esc(e.event_type || '')} · ${esc(e.location || e.country || '')}
  ${e.fatalities ? `· ${e.fatalities} killed` : ''}<br><small>${esc(e.actor1 || '')}${e.actor2 ? ` vs ${esc(e.actor2)}` : ''}</small></button></li>`;

let listTimer = 0;
function refreshList() {
  clearTimeout(listTimer);
  listTimer = setTimeout(() => {
    const vis = map.visible();
    const newest = (x, y) => (y.event_date || '').localeCompare(x.event_date || '');
    vis.sort(newest);
    // Events without coordinates are on no map: list them apart, so every event kept is listed.
    const off = map.unmapped().sort(newest);
    const focused = document.activeElement?.closest?.('#items button[data-id]')?.dataset.id;
    const html = vis.slice(0, 150).map(item).join('')
      + (vis.length > 150 ? `<li class="note">…and ${vis.length - 150} more in view; zoom in or filter</li>` : '')
      + (vis.length ? '' : `<li class="note empty">${!state.events.length ? 'No events match the filters.'
        : !filtered().length ? 'No events in the selected dates.'
          : off.length && !map.points.length ? 'No events with coordinates.' : 'No events in view: zoom out or pan the map.'}</li>`)
      + (off.length ? `<li class="group" id="unmapped">Not on the map (no coordinates): ${off.length.toLocaleString('en')} event${off.length === 1 ? '' : 's'}</li>`
        + off.slice(0, 50).map(item).join('')
        + (off.length > 50 ? `<li class="note">…and ${off.length - 50} more; filter to see them</li>` : '') : '');
    if (html !== state.listHTML) { // re-render only on change, and keep keyboard focus on the same event
      $('#items').innerHTML = state.listHTML = html;
      if (focused) $(`#items button[data-id="${CSS.escape(focused)}"]`)?.focus();
    }
    state.shown = vis.length;
    state.unmapped = off.length;
    status(`${state.events.length.toLocaleString('en')} events loaded${state.truncated ? ' (truncated)' : ''} · ${filtered().length.toLocaleString('en')} after the timeline · ${vis.length.toLocaleString('en')} in view${off.length ? ` · ${off.length.toLocaleString('en')} not on the map` : ''}`);
  }, 60);
}

function refresh() {
  const t0 = performance.now();
  const events = filtered();
  map.setEvents(events);
  charts(events);
  state.renderMs = performance.now() - t0;
  refreshList();
}

function filters() {
  const f = Object.fromEntries(new FormData($('#filters')));
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v));
}

async function load() {
  state.loading?.abort();
  const ctl = new AbortController(); state.loading = ctl;
  state.ready = false;
  const t0 = performance.now();
  status('Loading events…');
  try {
    const { events, truncated } = await loadEvents(filters(), (n) => status(`Loading events… ${n.toLocaleString('en')}`), ctl.signal);
    Object.assign(state, { events, truncated, days: Float64Array.from(events, (e) => (e.event_date ? dayOf(e.event_date) : NaN)) });
    // The first load restores the brush from the URL; a new filter clears it.
    state.brush = state.loaded ? null : urlBrush();
    timeline.showAll(getState('dates') === 'all');
    timeline.data(state.days, Uint8Array.from(events, (e) => typeIndex(e.event_type)));
    timeline.restore(state.brush);
    state.brush = timeline.sel;
    setState({ brush: state.brush ? `${isoOf(state.brush[0])}..${isoOf(state.brush[1] - 1)}` : null });
    state.loaded = true;
    refresh();
    state.loadMs = performance.now() - t0;
    state.ready = true;
    const url = new URL(location.href); url.search = query(filters()).toString(); history.replaceState(null, '', url);
  } catch (err) {
    if (err.name !== 'AbortError') status(`Error: ${err.message}`);
  }
}

// A fragment pasted or edited in an open tab (#map=, #brush=, #dates=, #actor=, #place=): apply it as a
// reload would. urlstate.js writes with history.replaceState, which fires no hashchange: no loop.
async function applyHash() {
  if (!state.loaded) return; // the first load reads the fragment itself
  const [z, lat, lon] = (getState('map') || '').split('/').map(Number);
  if ([z, lat, lon].every(Number.isFinite) && Math.abs(lat) <= 90) map.map.setView([lat, lon], Math.min(14, Math.max(1, Math.round(z))));
  timeline.showAll(getState('dates') === 'all');
  const want = urlBrush();
  const same = (x, y) => (x && y ? x[0] === y[0] && x[1] === y[1] : x === y);
  if (!same(want, state.brush)) {
    timeline.restore(want);
    state.brush = timeline.sel;
    refresh();
  }
  const [kind, key] = getState('actor') ? ['actor', getState('actor')] : ['place', getState('place')];
  if (key && views.current !== `${kind}:${key}`) await views.open(kind, key);
  else if (!key && views.current) { views.section.hidden = true; views.current = null; }
}

async function open(id) {
  try { await showEvent($('#panel'), id); } catch (err) { status(`Error: ${err.message}`); }
}

async function init() {
  legend();
  const params = new URLSearchParams(location.search);
  for (const [k, v] of params) { const el = $('#filters').elements[k]; if (el) el.value = v; }
  map.outlines('static/countries.json').catch(() => status('Country outlines missing'));
  map.map.on('moveend', refreshList);
  $('#filters').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  $('#filters').addEventListener('reset', () => setTimeout(load, 0));
  $('#items').addEventListener('click', (e) => { const b = e.target.closest('button[data-id]'); if (b) open(b.dataset.id); });
  try {
    const stats = await getJSON('stats');
    const fill = (sel, obj) => { for (const k of Object.keys(obj).filter(Boolean).sort()) sel.add(new Option(k, k)); };
    fill($('#filters').elements.country, stats.countries);
    fill($('#filters').elements.event_type, stats.event_types);
    for (const [k, v] of params) { const el = $('#filters').elements[k]; if (el) el.value = v; }
  } catch (err) { status(`Error: ${err.message}`); }
  await load();
  addEventListener('hashchange', () => { applyHash().catch((err) => status(`Error: ${err.message}`)); });
  const [kind, key] = getState('actor') ? ['actor', getState('actor')] : ['place', getState('place')];
  if (key) await views.open(kind, key);
}

init();
