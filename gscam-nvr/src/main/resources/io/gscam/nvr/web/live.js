// Live views: fMP4 over a WebSocket into Media Source Extensions (H.264 + FLAC), or MJPEG parts read
// from /api/live/C.mjpeg into an <img>. Both keep data-latency-ms (capture to display) current.
import { abs, liveToken } from './api.js';

// Where the time between capture and display goes, and what is done about it (docs/nvr.md):
// the page sits LIVE_EDGE_S behind the newest buffered frame, plays slightly faster above
// CATCH_UP_S behind it and jumps to the edge above MAX_LAG_S (as go2rtc's and MediaMTX's players do).
const LIVE_EDGE_S = 0.1;      // where to sit behind the newest buffered frame
const CATCH_UP_S = 0.2;       // beyond this, play at CATCH_UP_RATE
const CATCH_UP_RATE = 1.25;
const MAX_LAG_S = 0.5;        // beyond this, jump to the live edge
const KEEP_S = 20;            // buffer kept behind the playhead

function wsUrl(path, token) {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}${path}?token=${encodeURIComponent(token)}`;
}

// The prft box (ISO/IEC 14496-12 8.16.5) the NVR puts before each fragment: capture time (NTP) and
// media time of the sample. Returns {track, captureMs, mediaTime} or null.
function readPrft(buf) {
  if (buf.byteLength < 32) return null;
  const v = new DataView(buf);
  if (v.getUint32(4) !== 0x70726674) return null; // 'prft'
  const version = v.getUint8(8);
  const track = v.getUint32(12);
  const sec = v.getUint32(16), frac = v.getUint32(20);
  const captureMs = (sec - 2208988800) * 1000 + frac / 4294967296 * 1000;
  const mediaTime = version === 1 ? Number(v.getBigUint64(24)) : v.getUint32(24);
  return { track, captureMs, mediaTime };
}

export class MseLive {
  // mime: the MIME type the camera JSON gave (its `live.mime`), when known: the MediaSource and its
  // SourceBuffer are then made while the socket connects instead of after its init message.
  constructor(video, camera, onState, mime) {
    this.video = video;
    this.camera = camera;
    this.onState = onState;
    this.captures = new Map(); // round(ms of media time) -> capture ms, video frames only
    this.queue = [];
    this.closed = false;
    this.timescale = 90000;
    this.firstPictureAt = null;
    if (mime) this.reset(mime);
    this.connect();
    this.timer = setInterval(() => this.keepLive(), 250);
    this.watchFrames();
  }

  async connect() {
    if (this.closed) return;
    let token;
    try {
      token = await liveToken();
    } catch (e) {
      this.retry(`token: ${e.message}`);
      return;
    }
    this.video.dataset.socketMs ??= String(Math.round(performance.now()));
    const ws = new WebSocket(wsUrl(`/api/live/${encodeURIComponent(this.camera)}`, token));
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => { this.video.dataset.openMs = String(Math.round(performance.now())); };
    this.ws = ws;
    let expectInit = false;
    ws.onmessage = (m) => {
      if (typeof m.data === 'string') {
        const msg = JSON.parse(m.data);
        if (msg.type === 'init') {
          this.video.dataset.initMs ??= String(Math.round(performance.now()));
          if (!this.fresh || this.mime !== msg.mime) this.reset(msg.mime); // else the one made early
          this.fresh = false;
          expectInit = true;
        }
        else if (msg.type === 'state') this.onState(msg.state, msg.reason);
        return;
      }
      if (!expectInit) {
        const p = readPrft(m.data);
        if (p && p.track === 1) {
          this.captures.set(Math.round(p.mediaTime / this.timescale * 1000), p.captureMs);
          if (this.captures.size > 600) this.captures.delete(this.captures.keys().next().value);
        }
      }
      expectInit = false;
      this.append(m.data);
    };
    ws.onclose = () => { if (!this.closed) this.retry('live stream closed'); };
  }

  retry(reason) {
    this.onState('RECONNECTING', reason);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), 1000);
  }

  reset(mime) {
    if (!window.MediaSource || !MediaSource.isTypeSupported(mime)) {
      this.onState('UNSUPPORTED', `this browser cannot play ${mime}`);
      return;
    }
    this.queue = [];
    this.captures.clear();
    this.mime = mime;
    this.fresh = true; // nothing appended yet: an init message of the same type may use it
    this.ms = new MediaSource();
    this.sb = null;
    const ms = this.ms;
    ms.addEventListener('sourceopen', () => {
      URL.revokeObjectURL(this.video.src);
      this.sb = ms.addSourceBuffer(mime);
      this.sb.addEventListener('updateend', () => {
        if (!this.video.dataset.appendedMs && this.video.buffered.length) this.video.dataset.appendedMs = String(Math.round(performance.now()));
        this.keepLive(); // start as soon as there is something to show, and stay at the edge
        this.pump();
      });
      this.pump();
    }, { once: true });
    this.video.src = URL.createObjectURL(ms);
  }

  append(data) {
    this.queue.push(data);
    this.pump();
  }

  // Everything that came while the SourceBuffer was busy goes in one append (a new viewer's GOP
  // arrives as dozens of fragments at once; one append per fragment costs a task round trip each).
  pump() {
    const sb = this.sb;
    if (!sb || sb.updating || this.ms.readyState !== 'open') return;
    const v = this.video;
    if (v.buffered.length && v.currentTime - v.buffered.start(0) > KEEP_S * 2) {
      sb.remove(0, v.currentTime - KEEP_S);
      return;
    }
    if (!this.queue.length) return;
    const next = this.queue.length === 1 ? this.queue[0] : concat(this.queue);
    this.queue = [];
    try {
      sb.appendBuffer(next);
    } catch (e) {
      this.queue = [];
      this.retry(`append: ${e.name}`);
      this.ws?.close();
    }
  }

  // Stay near the newest frame: MSE plays what it has from where it is; a stall or a skipped GOP
  // would otherwise leave the picture behind for good.
  // A new viewer's first append is the GOP so far: its keyframe is shown first (one frame to decode,
  // where starting at the newest frame would decode the whole GOP before showing anything), then
  // the page jumps to the live edge. No jump while one is under way or before the first picture:
  // on a slow machine each would restart the decoder before it showed anything.
  keepLive() {
    const v = this.video;
    const b = v.buffered;
    if (!b.length || v.seeking) return;
    const end = b.end(b.length - 1);
    const lag = end - v.currentTime;
    const inRange = [...Array(b.length).keys()].some((i) => v.currentTime >= b.start(i) && v.currentTime <= b.end(i));
    if (!inRange && this.firstPictureAt === null) {
      v.currentTime = b.start(0);
    } else if (!inRange || (lag > MAX_LAG_S && this.firstPictureAt !== null)) {
      v.currentTime = Math.max(b.start(b.length - 1), end - LIVE_EDGE_S);
    }
    v.playbackRate = end - v.currentTime > CATCH_UP_S ? CATCH_UP_RATE : 1.0; // catch up gently, without a jump
    if (v.paused) v.play().catch(() => {});
  }

  // Capture-to-display latency per presented frame, from the prft of the frame on screen.
  watchFrames() {
    const v = this.video;
    if (!v.requestVideoFrameCallback) {
      v.addEventListener('timeupdate', () => this.latency(v.currentTime, performance.now()));
      return;
    }
    const cb = (now, meta) => {
      if (this.closed) return;
      this.latency(meta.mediaTime, meta.expectedDisplayTime || now);
      v.requestVideoFrameCallback(cb);
    };
    v.requestVideoFrameCallback(cb);
  }

  latency(mediaTime, displayPerfMs) {
    const capture = this.captures.get(Math.round(mediaTime * 1000));
    if (capture === undefined) return;
    if (this.firstPictureAt === null) {
      this.firstPictureAt = performance.now();
      this.video.dataset.firstPictureMs = String(Math.round(this.firstPictureAt));
    }
    const ms = Math.max(0, Math.round(performance.timeOrigin + displayPerfMs - capture));
    this.video.dataset.latencyMs = String(ms);
    this.onLatency?.(ms);
  }

  close() {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.retryTimer);
    this.ws?.close();
  }
}

// MJPEG: the multipart answer read as a stream, each part shown in the <img> as it is complete; the
// NVR's X-Timestamp part header (the capture time, as the prft of MSE) gives the latency.
export class MjpegLive {
  constructor(img, camera, onState) {
    this.img = img;
    this.camera = camera;
    this.onState = onState;
    this.closed = false;
    this.run();
  }

  async run() {
    while (!this.closed) {
      try {
        const token = await liveToken();
        this.abort = new AbortController();
        const r = await fetch(abs(`/api/live/${encodeURIComponent(this.camera)}.mjpeg?token=${token}`), { signal: this.abort.signal });
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        await this.read(r.body.getReader());
        if (!this.closed) this.onState('RECONNECTING', 'live stream ended');
      } catch (e) {
        if (this.closed) return;
        this.onState('RECONNECTING', e.message);
      }
      await new Promise((res) => setTimeout(res, 1000));
    }
  }

  async read(reader) {
    let buf = new Uint8Array(0);
    const dec = new TextDecoder('ascii');
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const joined = new Uint8Array(buf.length + value.length);
      joined.set(buf);
      joined.set(value, buf.length);
      buf = joined;
      for (;;) {
        const headEnd = indexOf(buf, [13, 10, 13, 10]);
        if (headEnd < 0) break;
        const head = dec.decode(buf.subarray(0, headEnd));
        const len = Number(/Content-Length:\s*(\d+)/i.exec(head)?.[1]);
        const ts = Number(/X-Timestamp:\s*(\d+)/i.exec(head)?.[1]);
        if (!Number.isFinite(len)) { buf = new Uint8Array(0); break; }
        const start = headEnd + 4;
        if (buf.length < start + len + 2) break;
        this.show(buf.slice(start, start + len), ts);
        buf = buf.slice(start + len + 2);
      }
    }
  }

  show(jpeg, captureMs) {
    const url = URL.createObjectURL(new Blob([jpeg], { type: 'image/jpeg' }));
    const old = this.img.src;
    this.img.onload = () => {
      if (old.startsWith('blob:')) URL.revokeObjectURL(old);
      if (Number.isFinite(captureMs)) this.img.dataset.latencyMs = String(Math.max(0, Math.round(Date.now() - captureMs)));
      this.img.dataset.frames = String(Number(this.img.dataset.frames || 0) + 1);
    };
    this.img.src = url;
  }

  close() {
    this.closed = true;
    this.abort?.abort();
  }
}

function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) { out.set(new Uint8Array(c), at); at += c.byteLength; }
  return out;
}

function indexOf(buf, pattern) {
  outer: for (let i = 0; i + pattern.length <= buf.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (buf[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}
