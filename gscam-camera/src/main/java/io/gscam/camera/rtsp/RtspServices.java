package io.gscam.camera.rtsp;

import io.gscam.camera.CameraConfig;
import io.gscam.camera.session.RtspSession;
import io.gscam.camera.session.SessionRegistry;
import io.gscam.camera.stream.LiveStreams;
import io.gscam.camera.stream.ReaderTotals;
import io.gscam.camera.stream.StreamReader;
import io.gscam.camera.stream.LiveStream;
import io.gscam.camera.stream.UdpSocketPair;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * What every RTSP connection of one server shares: the configuration, sessions, streams, the UDP
 * socket pair, the account check, an executor for work that may block (opening a media source),
 * and the sender-report scheduler.
 *
 * @param udpClients     UDP sessions by their client's RTCP address, so receiver reports refresh them
 * @param senderReports  starts periodic RTCP sender reports for a reader; the returned action stops them
 * @param readerTotals   the camera's fan-out totals, which every reader adds to
 */
public record RtspServices(CameraConfig config, SessionRegistry sessions, LiveStreams streams, UdpSocketPair udp,
                          RequestAuthenticator authenticator, Executor blockingExecutor,
                          Map<InetSocketAddress, RtspSession> udpClients,
                          BiFunction<LiveStream, StreamReader, Runnable> senderReports, ReaderTotals readerTotals) {
}
