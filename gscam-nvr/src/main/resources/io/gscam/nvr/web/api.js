// The NVR's JSON API, same origin: the browser adds the NVR's Basic credentials the page was loaded with.
// Absolute, from the origin: a page opened as http://user:pass@host/ has a base URL with credentials,
// which fetch refuses and which must not end up in links.
export const abs = (path) => location.origin + path;

export async function getJson(path) {
  const r = await fetch(abs(path), { cache: 'no-store' });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}

// A short-lived token for the live view's WebSocket and MJPEG URLs (a WebSocket cannot send a header).
// One request may serve several views opened at once (the grid at load); each token lasts 60 s.
let pending = null;
export function liveToken() {
  if (!pending) {
    // the first is the one index.html asked for before the modules ran
    pending = window.gscamLiveToken ?? getJson('/api/live/token').then((t) => t.token);
    window.gscamLiveToken = null;
    pending.finally(() => setTimeout(() => { pending = null; }, 5000)).catch(() => {});
  }
  return pending;
}

export const iso = (ms) => new Date(ms).toISOString();

export function clipUrl(camera, startMs, seconds, format) {
  const q = new URLSearchParams({ camera, start: iso(startMs), duration: String(Math.max(1, Math.round(seconds))) });
  if (format) q.set('format', format);
  return abs(`/get?${q}`);
}

export function bytes(n) {
  const u = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < u.length - 1) { n /= 1000; i++; }
  return `${n.toFixed(i ? 1 : 0)} ${u[i]}`;
}

export const hhmmss = (ms) => new Date(ms).toLocaleTimeString([], { hour12: false });
