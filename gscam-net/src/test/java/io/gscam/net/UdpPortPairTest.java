package io.gscam.net;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.BindException;
import java.net.InetAddress;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UdpPortPairTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final NettyTransport TRANSPORT = NettyTransport.best();
    private static EventLoopGroup group;

    @BeforeAll
    static void start() {
        group = TRANSPORT.newGroup("udp-pair-test");
    }

    @AfterAll
    static void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static UdpPortPair bind(UdpPortPair.Ports ports) throws Exception {
        return UdpPortPair.bind(group.next(), TRANSPORT.datagramChannels(), LOOPBACK, ports,
                ChannelInboundHandlerAdapter::new, ChannelInboundHandlerAdapter::new).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anyFree_bindsAnEvenPortAndTheNext() throws Exception {
        UdpPortPair pair = bind(UdpPortPair.Ports.anyFree());
        try {
            assertThat(pair.rtpPort() % 2).isZero();
            assertThat(pair.rtcpPort()).isEqualTo(pair.rtpPort() + 1);
            assertThat(pair.rtp().isActive()).isTrue();
            assertThat(pair.rtcp().isActive()).isTrue();
        } finally {
            pair.closeAndWait();
        }
        assertThat(pair.rtp().isOpen()).isFalse();
        assertThat(pair.rtcp().isOpen()).isFalse();
    }

    @Test
    void exactly_aTakenPortFailsNamingIt() throws Exception {
        UdpPortPair taken = bind(UdpPortPair.Ports.anyFree());
        try {
            assertThatThrownBy(() -> bind(new UdpPortPair.Ports.Exactly(taken.rtpPort(), taken.rtcpPort())))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(BindException.class)
                    .hasMessageContaining("cannot bind UDP port " + taken.rtpPort());
        } finally {
            taken.closeAndWait();
        }
    }

    @Test
    void range_skipsAPairInUse_andStaysInTheRange() throws Exception {
        UdpPortPair taken = bind(UdpPortPair.Ports.anyFree());
        int first = taken.rtpPort();
        try {
            // Two pairs in the range, the first taken: whatever pair the random start picks, the result is the free one.
            UdpPortPair pair = bind(new UdpPortPair.Ports.Range(first, first + 3, new SplittableRandom(7)));
            try {
                assertThat(pair.rtpPort()).isEqualTo(first + 2);
                assertThat(pair.rtcpPort()).isEqualTo(first + 3);
            } finally {
                pair.closeAndWait();
            }
        } finally {
            taken.closeAndWait();
        }
    }

    @Test
    void range_allTakenFailsNamingTheRange() throws Exception {
        UdpPortPair taken = bind(UdpPortPair.Ports.anyFree());
        try {
            assertThatThrownBy(() -> bind(new UdpPortPair.Ports.Range(taken.rtpPort(), taken.rtcpPort(), new SplittableRandom(1))))
                    .hasCauseInstanceOf(BindException.class)
                    .hasMessageContaining("no free UDP port pair in " + taken.rtpPort() + "-" + taken.rtcpPort());
        } finally {
            taken.closeAndWait();
        }
    }

    @Test
    void evenAt_refusesAnOddPort_andTakesZeroAsAnyFree() {
        assertThatThrownBy(() -> UdpPortPair.Ports.evenAt(5001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even");
        assertThat(UdpPortPair.Ports.evenAt(0)).isInstanceOf(UdpPortPair.Ports.AnyFree.class);
        assertThat(UdpPortPair.Ports.evenAt(5000)).isEqualTo(new UdpPortPair.Ports.Exactly(5000, 5001));
    }
}
