// Calls to the Dateline REST API (same origin).
export const FIELDS = 'event_id,event_date,event_date_end,event_type,latitude,longitude,fatalities,country,location,geonameid,certainty,actor1,actor2';
const PAGE = 10000;
const MAX_EVENTS = 200000;

export async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${r.status}`);
  return body;
}

export function query(filters) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
  return p;
}

// Every page of /events for the filters (compact fields), reporting progress; at most `max` events.
export async function loadEvents(filters, onPage, signal, fields = FIELDS, max = MAX_EVENTS) {
  const p = query(filters);
  p.set('fields', fields);
  p.set('limit', String(Math.min(PAGE, max)));
  const out = [];
  let next = null;
  do {
    if (next) p.set('next', next);
    const r = await fetch(`events?${p}`, { signal, headers: { Accept: 'application/json' } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${r.status}`);
    for (const e of body.events) out.push(e);
    next = body.next;
    onPage(out.length);
  } while (next && out.length < max);
  return { events: out, truncated: Boolean(next) };
}
