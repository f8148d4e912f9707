#!/usr/bin/python3
"""GStreamer's rtsp-server as the fan-out benchmark's peer (scripts/bench-fanout.sh).

Serves, as one shared media, the H.264 of another RTSP URL (the gscam camera's channel, video only)
re-payloaded without decoding: both servers send the same access units at the same rate, and
neither pays for an encoder. Run by Debian's /usr/bin/python3 with python3-gi and
gir1.2-gst-rtsp-server-1.0. Prints READY once it listens; stops when its stdin closes.

usage: gst-fanout-peer.py PORT SOURCE_URL       (serves rtsp://127.0.0.1:PORT/peer)
"""
import sys

import gi

gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    port, source = sys.argv[1], sys.argv[2]
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address('127.0.0.1')
    server.set_service(port)
    # Many readers arrive at once: the default listen backlog is GLib's 10.
    server.set_backlog(1024)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch('( rtspsrc location=%s latency=0 protocols=tcp ! rtph264depay '
                       '! rtph264pay name=pay0 pt=96 config-interval=-1 )' % source)
    factory.set_shared(True)
    server.get_mount_points().add_factory('/peer', factory)
    loop = GLib.MainLoop()
    if server.attach(None) == 0:
        sys.stderr.write('cannot listen on 127.0.0.1:%s\n' % port)
        return 1

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
