// The dashboard: a grid of live views with their state and rates, a timeline per camera, playback,
// export, events and storage. Everything comes from the NVR's own API; the page never sees camera
// credentials.
import { abs, getJson, liveToken, clipUrl, iso, bytes, hhmmss } from './api.js';
import { MseLive, MjpegLive } from './live.js';
import { Timeline } from './timeline.js';

const $ = (s) => document.querySelector(s);
const cams = new Map(); // name -> {tile, live, timeline, ...}
const state = { dayStart: startOfDay(Date.now()), hour: '', events: [], playing: null };

function startOfDay(ms) { const d = new Date(ms); d.setHours(0, 0, 0, 0); return d.getTime(); }
function addDays(ms, n) { const d = new Date(ms); d.setDate(d.getDate() + n); return d.getTime(); }
function dayEnd() { return addDays(state.dayStart, 1); }
function windowMs() {
  if (state.hour === '') return [state.dayStart, dayEnd()];
  const from = new Date(state.dayStart); from.setHours(Number(state.hour));
  return [from.getTime(), from.getTime() + 3600_000];
}

// A camera's tile; its live view comes when the NVR says how to show it (`live` of /api/cameras:
// kind "mse" or "mjpeg", decided by the server: the page has no codec names).
function tile(c) {
  const el = document.createElement('article');
  el.className = 'cam';
  el.innerHTML = `<div class="head"><span class="name"></span><span class="state"></span><span class="stats"></span></div>
    <div class="view"><span class="reason"></span><span class="latency" title="capture to display"></span></div>
    <div class="timeline"></div><div class="ticks"></div>`;
  el.querySelector('.name').textContent = c.name;
  const tl = el.querySelector('.timeline');
  tl.dataset.timeline = c.name;
  $('#grid').append(el);
  // liveNote: what the live view itself says (its stream's state messages, a codec the browser lacks)
  const entry = { el, liveNote: '', kind: null };
  entry.onState = (s, reason) => {
    entry.liveNote = s === 'PLAYING' ? '' : `${s}: ${reason}`;
    el.querySelector('.reason').textContent = entry.liveNote;
  };
  entry.timeline = new Timeline(tl, c.name, {
    onSpan: (camera, t, span) => play(camera, t, Math.min(300, (span.endMs - t) / 1000)),
    onAlarm: (ev) => playEvent(ev),
  });
  cams.set(c.name, entry);
  for (const sel of ['#export-camera', '#filter-camera']) {
    const o = document.createElement('option');
    o.value = o.textContent = c.name;
    $(sel).append(o);
  }
  return entry;
}

// The <video> (MSE) or <img> (MJPEG) of a tile, made once the camera's live kind is known.
function liveView(entry, c) {
  const kind = c.live?.kind;
  if (!kind || entry.kind === kind) return;
  entry.live?.close();
  entry.media?.remove();
  entry.el.querySelector('.unmute')?.remove();
  entry.kind = kind;
  const view = entry.el.querySelector('.view');
  let media;
  if (kind === 'mjpeg') {
    media = document.createElement('img');
    media.alt = `${c.name} live`;
  } else {
    media = document.createElement('video');
    media.muted = true;
    media.autoplay = true;
    media.playsInline = true;
    const unmute = document.createElement('button');
    unmute.type = 'button';
    unmute.className = 'unmute';
    unmute.textContent = 'sound off';
    unmute.addEventListener('click', () => {
      media.muted = !media.muted;
      unmute.textContent = media.muted ? 'sound off' : 'sound on';
    });
    view.append(unmute);
  }
  media.dataset.camera = c.name;
  media.dataset.latencyMs = '';
  view.prepend(media);
  entry.media = media;
  entry.live = kind === 'mjpeg' ? new MjpegLive(media, c.name, entry.onState) : new MseLive(media, c.name, entry.onState, c.live.mime);
  const latency = entry.el.querySelector('.latency');
  clearInterval(entry.latencyTimer);
  entry.latencyTimer = setInterval(() => { if (media.dataset.latencyMs) latency.textContent = `${media.dataset.latencyMs} ms`; }, 500);
}

function updateStatus(c) {
  const e = cams.get(c.name) ?? tile(c);
  liveView(e, c);
  const st = e.el.querySelector('.state');
  // Why a camera is not playing comes from the NVR (`reason`): a camera that never played has no
  // live view to say it.
  const why = c.state === 'PLAYING' ? null : (c.reason || '');
  st.textContent = c.state + (why ? ` (${why})` : '');
  st.className = `state ${c.state}`;
  e.el.querySelector('.reason').textContent = why === null ? e.liveNote : `${c.state}${why ? `: ${why}` : ''}`;
  e.el.querySelector('.stats').textContent =
    `${c.video?.fps ?? 0} fps · ${c.kbps} kbps · ${c.packetsLost} lost` + (c.recording ? ' · ●REC' : '');
}

async function pollCameras() {
  try {
    for (const c of await getJson('/api/cameras')) updateStatus(c);
  } catch (e) { console.warn('cameras:', e.message); }
}

async function pollStorage() {
  try {
    const s = await getJson('/api/storage');
    $('#storage').textContent = `storage: ${bytes(s.usedBytes)} used, ${bytes(s.leftBytes)} left · `
      + s.cameras.map((c) => `${c.camera} ${bytes(c.usedBytes)} / ${bytes(c.leftBytes)} left`).join(' · ');
  } catch (e) { console.warn('storage:', e.message); }
}

async function loadTimelines() {
  const [from, to] = [state.dayStart, dayEnd()];
  const q = `start=${encodeURIComponent(iso(from))}&end=${encodeURIComponent(iso(to))}`;
  const all = [];
  await Promise.all([...cams.keys()].map(async (name) => {
    const n = encodeURIComponent(name);
    try {
      const [list, gaps, events] = await Promise.all([
        getJson(`/list?camera=${n}&${q}`), getJson(`/api/gaps?camera=${n}&${q}`), getJson(`/api/events?camera=${n}&${q}`)]);
      const evs = events.map((e) => ({ ...e, startMs: Date.parse(e.start), endMs: Date.parse(e.end) }));
      all.push(...evs);
      cams.get(name).timeline.setData({
        spans: list.map((s) => ({ startMs: Date.parse(s.start), endMs: Date.parse(s.start) + s.duration * 1000 })),
        gaps: gaps.map((g) => ({ startMs: Date.parse(g.start), endMs: Date.parse(g.end), cause: g.cause })),
        events: evs,
      });
    } catch (e) { console.warn(`timeline ${name}:`, e.message); }
  }));
  all.sort((a, b) => a.startMs - b.startMs || a.camera.localeCompare(b.camera) || a.id - b.id);
  state.events = all;
  renderEvents();
}

function applyWindow() {
  const [from, to] = windowMs();
  for (const e of cams.values()) {
    e.timeline.setWindow(from, to);
    const ticks = e.el.querySelector('.ticks');
    ticks.replaceChildren(...[0, 1, 2, 3, 4].map((i) => {
      const s = document.createElement('span');
      s.textContent = hhmmss(from + (to - from) * i / 4).slice(0, 5);
      return s;
    }));
  }
  const d = new Date(state.dayStart);
  $('#day').value = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function renderEvents() {
  const cam = $('#filter-camera').value;
  const src = $('#filter-source').value;
  const sources = new Set(state.events.map((e) => e.source));
  const sel = $('#filter-source');
  for (const s of sources) {
    if (![...sel.options].some((o) => o.value === s)) { const o = document.createElement('option'); o.value = o.textContent = s; sel.append(o); }
  }
  const shown = state.events.filter((e) => (!cam || e.camera === cam) && (!src || e.source === src)).reverse();
  // Redrawn only when what it shows changed: the list is reloaded every few seconds, and new <img>s
  // would fetch every thumbnail again (and a click on an item being replaced would be lost).
  const key = JSON.stringify(shown.map((e) => [e.camera, e.id, e.start, e.end, e.clip]));
  if (key === state.eventsKey) return;
  state.eventsKey = key;
  const items = shown.map((e) => {
    const li = document.createElement('li');
    li.dataset.event = String(e.id);
    const img = document.createElement('img');
    img.loading = 'lazy';
    img.alt = '';
    const src = abs(`/api/snapshot?camera=${encodeURIComponent(e.camera)}&time=${encodeURIComponent(e.start)}`);
    // None yet (204: its segment still being written, or ffmpeg past its deadline): hidden, and asked
    // again 5, 10 and 15 s later, then every 15 s (20 times in all) while the item is on the page.
    let tries = 0;
    img.onerror = () => {
      img.style.visibility = 'hidden';
      if (++tries > 20) return;
      setTimeout(() => { if (img.isConnected) { img.removeAttribute('src'); img.src = src; } }, Math.min(15, 5 * tries) * 1000);
    };
    img.onload = () => { img.style.visibility = ''; };
    img.src = src;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.innerHTML = '<strong></strong><br><span></span><br><time></time>';
    meta.querySelector('strong').textContent = e.camera;
    meta.querySelector('span').textContent = e.source;
    meta.querySelector('time').textContent = new Date(e.startMs).toLocaleString();
    li.append(img, meta);
    li.addEventListener('click', () => playEvent(e));
    return li;
  });
  $('#event-list').replaceChildren(...items);
}

function playEvent(ev) {
  const q = new URL(ev.clip, location.href).searchParams;
  const pre = Date.parse(q.get('start'));
  const dur = Number(q.get('duration'));
  play(ev.camera, Number.isFinite(pre) ? pre : ev.startMs, Number.isFinite(dur) && dur > 0 ? dur : 30, ev.clip, ev);
}

// ev: the event whose clip this is, when it is one (next/previous step from it); a span's moment
// steps from where the playback is.
function play(camera, startMs, seconds, url, ev = null) {
  const v = $('video[data-playback]');
  $('#playback').hidden = false;
  $('#playback-error').textContent = '';
  state.currentEvent = ev;
  state.playing = { camera, startMs };
  $('#playing-what').textContent = `${camera} from ${new Date(startMs).toLocaleString()}`;
  v.src = url ? abs(url) : clipUrl(camera, startMs, seconds);
  v.play().catch(() => {});
  setExport(camera, startMs, seconds);
}

function setExport(camera, startMs, seconds) {
  $('#export-camera').value = camera;
  const d = new Date(startMs - new Date(startMs).getTimezoneOffset() * 60000);
  $('#export-start').value = d.toISOString().slice(0, 19);
  $('#export-duration').value = String(Math.max(1, Math.round(seconds)));
  updateExport();
}

function updateExport() {
  const camera = $('#export-camera').value;
  const start = $('#export-start').value ? new Date($('#export-start').value).getTime() : Date.now() - 60_000;
  const dur = Number($('#export-duration').value) || 60;
  $('#export-mp4').href = clipUrl(camera, start, dur, 'mp4');
  $('#export-mkv').href = clipUrl(camera, start, dur, 'mkv');
}

// Next/previous event, in time order, of the filtered camera and source: from the event playing,
// else from the moment playing, else from now.
function stepEvent(dir) {
  const cam = $('#filter-camera').value;
  const src = $('#filter-source').value;
  const evs = state.events.filter((e) => (!cam || e.camera === cam) && (!src || e.source === src));
  const cur = state.currentEvent;
  const i = cur ? evs.findIndex((e) => e.camera === cur.camera && e.id === cur.id) : -1;
  let next;
  if (i >= 0) {
    next = evs[i + dir];
  } else {
    const v = $('video[data-playback]');
    const at = state.playing ? state.playing.startMs + v.currentTime * 1000 : Date.now();
    next = dir > 0 ? evs.find((e) => e.startMs > at) : evs.findLast((e) => e.startMs < at);
  }
  if (next) playEvent(next);
}

function wire() {
  const zoom = $('#zoom');
  for (let h = 0; h < 24; h++) { const o = document.createElement('option'); o.value = String(h); o.textContent = `${String(h).padStart(2, '0')}:00`; zoom.append(o); }
  zoom.addEventListener('change', () => { state.hour = zoom.value; applyWindow(); });
  const go = (ms) => { state.dayStart = ms; applyWindow(); loadTimelines(); };
  $('#prev-day').addEventListener('click', () => go(addDays(state.dayStart, -1)));
  $('#next-day').addEventListener('click', () => go(addDays(state.dayStart, 1)));
  $('#today').addEventListener('click', () => go(startOfDay(Date.now())));
  $('#day').addEventListener('change', (e) => { if (e.target.value) go(new Date(`${e.target.value}T00:00`).getTime()); });
  $('#prev-event').addEventListener('click', () => stepEvent(-1));
  $('#next-event').addEventListener('click', () => stepEvent(1));
  $('#filter-camera').addEventListener('change', renderEvents);
  $('#filter-source').addEventListener('change', renderEvents);
  $('#export-form').addEventListener('input', updateExport);
  const v = $('video[data-playback]');
  v.addEventListener('timeupdate', () => {
    if (!state.playing) return;
    const t = state.playing.startMs + v.currentTime * 1000;
    for (const [name, e] of cams) e.timeline.setPlayhead(name === state.playing.camera ? t : undefined);
  });
  v.addEventListener('error', () => { $('#playback-error').textContent = 'cannot play this range'; });
}

// The cameras and their live views as the page came (see WebRoutes): the live views start before
// any /api answer; the first poll then fills in state and rates.
function boot() {
  const el = document.getElementById('boot');
  if (!el) return;
  for (const c of JSON.parse(el.textContent).cameras) liveView(cams.get(c.name) ?? tile(c), c);
}

async function main() {
  liveToken().catch(() => {}); // at once: the live views need one
  boot();
  wire();
  await pollCameras();
  applyWindow();
  await loadTimelines();
  await pollStorage();
  updateExport();
  setInterval(pollCameras, 2000);
  setInterval(loadTimelines, 4000);
  setInterval(pollStorage, 15000);
}

main();
