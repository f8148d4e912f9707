// One camera's timeline: recorded spans, gaps (cause on hover), alarms, the playhead, over a view
// window (a day, or an hour when zoomed). Positions are percentages of the window. The playhead
// ([data-playhead], its moment in data-time) follows the playback.
import { hhmmss } from './api.js';

export class Timeline {
  constructor(el, camera, { onSpan, onAlarm }) {
    this.el = el;
    this.camera = camera;
    this.onSpan = onSpan;
    this.onAlarm = onAlarm;
    this.data = { spans: [], gaps: [], events: [] };
    el.addEventListener('click', (e) => {
      const alarm = e.target.closest('[data-alarm]');
      if (alarm) { this.onAlarm(this.data.events[Number(alarm.dataset.index)]); return; }
      const t = this.timeAt(e.clientX);
      const span = this.data.spans.find((s) => t >= s.startMs && t < s.endMs);
      if (span) this.onSpan(this.camera, t, span);
    });
  }

  setWindow(fromMs, toMs) {
    this.fromMs = fromMs;
    this.toMs = toMs;
    this.render();
  }

  setData(data) {
    const key = JSON.stringify(data);
    if (key === this.key) return; // unchanged: keep the elements (a click may be on its way)
    this.key = key;
    this.data = data;
    this.render();
  }

  timeAt(clientX) {
    const r = this.el.getBoundingClientRect();
    return this.fromMs + (clientX - r.left) / r.width * (this.toMs - this.fromMs);
  }

  pct(ms) {
    return (Math.min(Math.max(ms, this.fromMs), this.toMs) - this.fromMs) / (this.toMs - this.fromMs) * 100;
  }

  visible(a, b) {
    return b > this.fromMs && a < this.toMs;
  }

  render() {
    if (this.fromMs === undefined) return;
    const frag = document.createDocumentFragment();
    const bar = (attr, a, b, title) => {
      const d = document.createElement('div');
      d.setAttribute(attr, '');
      d.style.left = `${this.pct(a)}%`;
      d.style.width = `${Math.max(0.15, this.pct(b) - this.pct(a))}%`;
      d.title = title;
      frag.append(d);
      return d;
    };
    for (const s of this.data.spans) {
      if (this.visible(s.startMs, s.endMs)) {
        const d = bar('data-span', s.startMs, s.endMs, `recorded ${hhmmss(s.startMs)} – ${hhmmss(s.endMs)}`);
        d.dataset.start = new Date(s.startMs).toISOString();
      }
    }
    for (const g of this.data.gaps) {
      if (this.visible(g.startMs, g.endMs)) {
        const d = bar('data-gap', g.startMs, g.endMs, `gap ${hhmmss(g.startMs)} – ${hhmmss(g.endMs)}: ${g.cause}`);
        d.dataset.cause = g.cause;
      }
    }
    this.data.events.forEach((ev, i) => {
      if (!this.visible(ev.startMs, ev.startMs + 1)) return;
      const b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('data-alarm', '');
      b.dataset.index = String(i);
      b.dataset.source = ev.source;
      b.dataset.start = ev.start;
      b.style.left = `${this.pct(ev.startMs)}%`;
      b.title = `${ev.source} at ${hhmmss(ev.startMs)}`;
      b.setAttribute('aria-label', b.title);
      frag.append(b);
    });
    const now = Date.now();
    if (now > this.fromMs && now < this.toMs) {
      const n = document.createElement('div');
      n.className = 'now';
      n.style.left = `${this.pct(now)}%`;
      frag.append(n);
    }
    this.el.replaceChildren(frag);
    this.placePlayhead();
  }

  // The playhead moves on its own, without redrawing the rest: the playback's timeupdate comes
  // several times a second, and a marker replaced between a press and its release gets no click.
  setPlayhead(ms) {
    this.playheadMs = ms;
    this.placePlayhead();
  }

  placePlayhead() {
    const ms = this.playheadMs;
    if (ms === undefined || this.fromMs === undefined || !this.visible(ms, ms + 1)) {
      this.playhead?.remove();
      return;
    }
    if (!this.playhead) {
      this.playhead = document.createElement('div');
      this.playhead.setAttribute('data-playhead', '');
    }
    this.playhead.style.left = `${this.pct(ms)}%`;
    this.playhead.dataset.time = new Date(ms).toISOString(); // the moment playing, for scripts and tests
    if (this.playhead.parentNode !== this.el) this.el.append(this.playhead);
  }
}
