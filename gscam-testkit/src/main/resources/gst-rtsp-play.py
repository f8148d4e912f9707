#!/usr/bin/python3
"""Plays an RTSP URL with GStreamer's rtspsrc, a client nobody in this project wrote.

Run by Debian's /usr/bin/python3 with python3-gi. Builds
    rtspsrc location=URL protocols=PROTOCOL latency=200 ! DECODE ! fakesink
counts the buffers reaching the sink (decoded frames) and, once FRAMES arrived, shuts the pipeline
down in order: PAUSED (and rtspsrc's PAUSE request answered), then NULL (TEARDOWN).

gst-launch-1.0 is not used because it drops the pipeline straight to NULL: rtspsrc then cancels its
connection while the PAUSE is being written and reports "Could not send message. (Received
end-of-file)", a race in GStreamer's client shutdown, not a fault of the server.

Prints "CAPS <sink caps>" and "DECODED <n>" on stdout. Exit status:
  0  FRAMES decoded with no ERROR message while playing
  1  an ERROR message while playing, end of stream before FRAMES, or the time limit passed
  2  usage error
  3  (--check) a GStreamer element is missing
  4  python3-gi / GStreamer introspection data is missing

usage: gst-rtsp-play.py [--frames N] [--timeout S] URL PROTOCOL DECODE...
       gst-rtsp-play.py --check ELEMENT...
"""
import argparse
import faulthandler
import sys
import threading

try:
    import gi

    gi.require_version('Gst', '1.0')
    from gi.repository import GLib, Gst  # noqa: E402
except (ImportError, ValueError) as e:
    print('python3-gi with GStreamer 1.0 not installed: %s' % e, file=sys.stderr)
    sys.exit(4)

# How long the ordered shutdown may take before the pipeline is dropped to NULL regardless.
SHUTDOWN_STEP_SECONDS = 5


def check(elements):
    missing = [e for e in elements if Gst.ElementFactory.find(e) is None]
    if missing:
        print('GStreamer element(s) not installed: %s' % ' '.join(missing))
        return 3
    return 0


class Player:
    """Plays until enough frames are decoded, an error, end of stream or the time limit."""

    def __init__(self, url, protocol, decode, frames, timeout):
        # parse_launch quotes nothing, so the URL goes in as a property rather than into the text.
        self.pipeline = Gst.parse_launch(
            'rtspsrc name=src protocols=%s latency=200 ! %s ! fakesink name=sink signal-handoffs=true async=false'
            % (protocol, decode))
        self.pipeline.get_by_name('src').set_property('location', url)
        self.frames = frames
        self.timeout = timeout
        self.decoded = 0
        self.caps = None
        self.lock = threading.Lock()
        self.failure = None
        self.stopping = False
        self.pause_answered = False
        self.play_timer = None
        self.loop = GLib.MainLoop()
        self.pipeline.get_by_name('sink').connect('handoff', self.on_handoff)

    def on_handoff(self, sink, buffer, pad):
        # Streaming thread: count, and hand the shutdown to the main loop exactly once.
        with self.lock:
            self.decoded += 1
            if self.caps is None:
                caps = pad.get_current_caps()
                self.caps = caps.to_string() if caps else '(none)'
            reached = self.decoded == self.frames
        if reached:
            GLib.idle_add(self.on_frames_decoded)

    def on_message(self, bus, message):
        t = message.type
        if t == Gst.MessageType.ERROR:
            err, debug = message.parse_error()
            line = 'ERROR from %s: %s (%s)' % (message.src.get_path_string(), err.message, debug)
            if self.stopping:
                # Teardown noise after the frames were decoded does not change what was proven.
                print('after %d frames, during shutdown: %s' % (self.frames, line), file=sys.stderr)
                self.loop.quit()
            else:
                self.fail(line)
        elif t == Gst.MessageType.WARNING:
            err, debug = message.parse_warning()
            print('WARNING from %s: %s (%s)' % (message.src.get_path_string(), err.message, debug), file=sys.stderr)
        elif t == Gst.MessageType.EOS:
            if not self.stopping:
                self.fail('end of stream after %d of %d frames' % (self.decoded, self.frames))
        elif t == Gst.MessageType.PROGRESS:
            kind, code, text = message.parse_progress()
            # rtspsrc sends PAUSE from its own task after the state change returned; this progress
            # message says the camera answered it, so the TEARDOWN that follows cancels nothing.
            if self.stopping and kind == Gst.ProgressType.COMPLETE and code == 'request' and 'PAUSE' in text:
                self.pause_answered = True
                self.loop.quit()
        return True

    def fail(self, reason):
        if self.failure is None:
            self.failure = reason
        print(reason, file=sys.stderr)
        self.loop.quit()

    def on_timeout(self):
        self.play_timer = None
        self.fail('time limit of %d s passed after %d of %d frames' % (self.timeout, self.decoded, self.frames))
        return False

    def on_frames_decoded(self):
        self.loop.quit()
        return False

    def run(self):
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect('message', self.on_message)
        self.play_timer = GLib.timeout_add_seconds(self.timeout, self.on_timeout)
        if self.pipeline.set_state(Gst.State.PLAYING) == Gst.StateChangeReturn.FAILURE:
            self.fail('pipeline refused to go to PLAYING')
        else:
            self.loop.run()
        if self.play_timer is not None:
            GLib.source_remove(self.play_timer)
        # Messages posted before the last frame still count as "while playing".
        context = GLib.MainContext.default()
        while self.failure is None and context.pending():
            context.iteration(False)
        if self.failure is None:
            self.shut_down()
        bus.remove_signal_watch()
        self.pipeline.set_state(Gst.State.NULL)
        with self.lock:
            decoded, caps = self.decoded, self.caps
        print('CAPS %s' % caps)
        print('DECODED %d' % min(decoded, self.frames))
        sys.stdout.flush()
        return 0 if self.failure is None and decoded >= self.frames else 1

    def shut_down(self):
        self.stopping = True
        self.pipeline.set_state(Gst.State.PAUSED)
        # fakesink async=false: a paused live source sends no preroll buffer, so the sink must not wait for one.
        ret, _, _ = self.pipeline.get_state(SHUTDOWN_STEP_SECONDS * Gst.SECOND)
        if ret == Gst.StateChangeReturn.FAILURE:
            print('pipeline failed to go to PAUSED', file=sys.stderr)
            return
        # Keep dispatching bus messages until rtspsrc reports its PAUSE answered (bounded).
        timer = GLib.timeout_add_seconds(SHUTDOWN_STEP_SECONDS, self.on_shutdown_timeout)
        self.loop.run()
        if self.pause_answered:
            GLib.source_remove(timer)
        else:
            print('rtspsrc did not report its PAUSE answered within %d s' % SHUTDOWN_STEP_SECONDS, file=sys.stderr)

    def on_shutdown_timeout(self):
        self.loop.quit()
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--check', action='store_true', help='only check that the named elements exist')
    parser.add_argument('--frames', type=int, default=60)
    parser.add_argument('--timeout', type=int, default=20, help='seconds until giving up')
    parser.add_argument('args', nargs='+')
    a = parser.parse_args()
    Gst.init(None)
    # Hard limit, also when stuck inside GStreamer: dump the Python stacks and exit 1.
    faulthandler.dump_traceback_later(a.timeout + 3 * SHUTDOWN_STEP_SECONDS, exit=True)
    if a.check:
        return check(a.args)
    if len(a.args) < 3:
        parser.error('URL PROTOCOL DECODE... required')
    url, protocol, decode = a.args[0], a.args[1], ' '.join(a.args[2:])
    return Player(url, protocol, decode, a.frames, a.timeout).run()


if __name__ == '__main__':
    sys.exit(main())
