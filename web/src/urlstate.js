// Page state kept in the URL fragment (#map=4/12.5/30.1&brush=2024-01-01..2024-03-01), so a view can be
// bookmarked, shared and restored on reload. Shared by the map (view) and the timeline (brush): each owns
// its keys. The query string stays the API filters' (main.js); this module only touches location.hash.
// Writes are debounced and use history.replaceState (no history entry per pan, no hashchange storm).

const WAIT_MS = 250;
let pending = null; // URLSearchParams waiting to be written, or null
let base = ''; // location.hash when the waiting writes began: if it changed since, the user's wins
let timer = 0;

function current() {
  return pending ? new URLSearchParams(pending) : new URLSearchParams(location.hash.replace(/^#/, ''));
}

// The value of one key (a string), or null when absent.
export function getState(key) {
  return current().get(key);
}

// Set several keys at once ({key: value}); null, undefined or '' removes a key. Written after WAIT_MS.
export function setState(values) {
  if (!pending) base = location.hash;
  const p = current();
  for (const [k, v] of Object.entries(values)) {
    if (v == null || v === '') p.delete(k);
    else p.set(k, String(v));
  }
  pending = p;
  clearTimeout(timer);
  timer = setTimeout(flushState, WAIT_MS);
}

// Write any pending change now (e.g. before the page navigates away, or in a test).
export function flushState() {
  clearTimeout(timer);
  if (!pending) return;
  // the fragment changed under the waiting writes (a pasted link whose hashchange has not run yet)
  if (location.hash !== base) { pending = null; return; }
  const url = new URL(location.href);
  // '/', ',' and ':' are legal in a fragment: keep them readable (#map=6/48.7/31.3, not %2F).
  const h = pending.toString().replace(/%2F/gi, '/').replace(/%2C/gi, ',').replace(/%3A/gi, ':');
  url.hash = h ? `#${h}` : '';
  pending = null;
  // An empty fragment still leaves '#' in some browsers: drop it by building the URL without it.
  history.replaceState(history.state, '', h ? url : url.href.replace(/#.*$/, ''));
}

addEventListener('pagehide', flushState);
// The user changed the fragment (a pasted or edited link): theirs wins over a write still waiting,
// which would otherwise overwrite it when its timer fires (a reload then opens the old state).
addEventListener('hashchange', () => { clearTimeout(timer); pending = null; });
