package io.gscam.server.rtsp;

import io.gscam.server.ServerConfig;
import io.gscam.server.auth.RequestAuthenticator;
import io.gscam.server.limits.AddressLog;
import io.gscam.server.limits.AuthFailures;
import io.gscam.server.session.RtspSession;
import io.gscam.server.session.SessionRegistry;
import io.gscam.server.stream.ReaderTotals;
import io.gscam.server.stream.ServedStream;
import io.gscam.server.stream.StreamProvider;
import io.gscam.server.stream.StreamReader;
import io.gscam.net.UdpPortPair;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * What every RTSP connection of one server shares: the configuration, sessions, the stream provider,
 * the UDP socket pair, the account check, an executor for work that may block (opening a stream),
 * and the sender-report scheduler.
 *
 * @param udpClients     UDP sessions by their client's RTCP address, so receiver reports refresh them
 * @param senderReports  starts periodic RTCP sender reports for a reader; the returned action stops them
 * @param readerTotals   the server's fan-out totals, which every reader adds to
 * @param authFailures   failed logins per address: delays the 401s of an address that keeps failing
 * @param badInput       the rate-limited log of malformed requests per address
 */
public record RtspServices(ServerConfig config, SessionRegistry sessions, StreamProvider streams, UdpPortPair udp,
                           RequestAuthenticator authenticator, Executor blockingExecutor,
                           Map<InetSocketAddress, RtspSession> udpClients,
                           BiFunction<ServedStream, StreamReader, Runnable> senderReports, ReaderTotals readerTotals,
                           AuthFailures authFailures, AddressLog badInput) {

    /** With failures counted and logged by the sessions' clock. */
    public RtspServices(ServerConfig config, SessionRegistry sessions, StreamProvider streams, UdpPortPair udp,
                        RequestAuthenticator authenticator, Executor blockingExecutor,
                        Map<InetSocketAddress, RtspSession> udpClients,
                        BiFunction<ServedStream, StreamReader, Runnable> senderReports, ReaderTotals readerTotals) {
        this(config, sessions, streams, udp, authenticator, blockingExecutor, udpClients, senderReports, readerTotals,
                new AuthFailures(sessions.clock()), new AddressLog(sessions.clock()));
    }
}
