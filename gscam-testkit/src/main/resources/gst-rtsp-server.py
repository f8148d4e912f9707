#!/usr/bin/python3
"""GStreamer's RTSP server, as a peer nobody in this project wrote. Two media, one shared each:

- the test pattern (the tests' peer, testkit's GstRtspServer): H.264 640x480 30 fps (x264enc) and
  PCMU 8 kHz;
- --repayload SOURCE_URL (the fan-out benchmark's peer, scripts/bench-fanout.sh): the H.264 of
  another RTSP URL (the gscam camera's channel, video only) re-payloaded without decoding, so both
  servers send the same access units at the same rate and neither pays for an encoder.

Run by Debian's /usr/bin/python3 (python3-gi, gir1.2-gst-rtsp-server-1.0; x264enc from
gstreamer1.0-plugins-ugly for the test pattern). gst-rtsp-server's "service" property cannot be 0,
so the caller picks a free port. Prints READY once the server listens; runs until killed or its
stdin closes.

usage: gst-rtsp-server.py PORT [PATH] [--repayload SOURCE_URL]      (PATH defaults to /test)
"""
import sys

import gi

gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

TEST_PATTERN = (
    '( videotestsrc is-live=true pattern=ball '
    '! video/x-raw,width=640,height=480,framerate=30/1 '
    '! x264enc tune=zerolatency key-int-max=30 bitrate=1024 speed-preset=ultrafast '
    '! rtph264pay name=pay0 pt=96 config-interval=1 '
    'audiotestsrc is-live=true wave=sine '
    '! audio/x-raw,rate=8000,channels=1 '
    '! mulawenc ! rtppcmupay name=pay1 )'
)

REPAYLOAD = ('( rtspsrc location=%s latency=0 protocols=tcp ! rtph264depay '
             '! rtph264pay name=pay0 pt=96 config-interval=-1 )')


def main():
    args = sys.argv[1:]
    source = None
    if '--repayload' in args:
        at = args.index('--repayload')
        if at + 1 >= len(args):
            sys.stderr.write(__doc__)
            return 2
        source = args[at + 1]
        del args[at:at + 2]
    if not 1 <= len(args) <= 2:
        sys.stderr.write(__doc__)
        return 2
    port = args[0]
    path = args[1] if len(args) > 1 else '/test'
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address('127.0.0.1')
    server.set_service(port)
    # The benchmark's readers arrive by the hundred at once: the default listen backlog is GLib's 10.
    server.set_backlog(1024)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(TEST_PATTERN if source is None else REPAYLOAD % source)
    factory.set_shared(True)
    server.get_mount_points().add_factory(path, factory)
    loop = GLib.MainLoop()
    if server.attach(None) == 0:
        sys.stderr.write('cannot listen on 127.0.0.1:%s\n' % port)
        return 1

    # The caller closes our stdin (or dies): stop then, so no server outlives its test or benchmark.
    def on_stdin(_source, _condition):
        loop.quit()
        return False

    GLib.io_add_watch(GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.PRIORITY_DEFAULT,
                      GLib.IOCondition.HUP | GLib.IOCondition.IN | GLib.IOCondition.ERR, on_stdin)
    print('READY', flush=True)
    loop.run()
    return 0


if __name__ == '__main__':
    sys.exit(main())
