package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.protocol.header.ChannelPair;
import io.gscam.protocol.header.PortRange;
import io.gscam.protocol.header.TransportSpec;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.rtsp.RtspStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SetupNegotiationTest {
    private static final TransportSpec TCP = TransportSpec.tcpInterleaved(new ChannelPair(0, 1));

    private static RtspResponse ok(String session, String transport) {
        RtspResponse.Builder b = RtspResponse.builder(RtspStatus.OK);
        if (session != null) {
            b.header("Session", session);
        }
        if (transport != null) {
            b.header("Transport", transport);
        }
        return b.build();
    }

    @Test
    void answer_specsSetup_takesTheSessionIdTimeoutAndChannels() {
        SetupNegotiation.Outcome o = SetupNegotiation.initial()
                .answer(ok("30507280;timeout=120", "RTP/AVP/TCP;unicast;interleaved=2-3"), TCP);

        assertThat(o.session().sessionId()).isEqualTo("30507280");
        assertThat(o.session().timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(o.transport().interleaved()).contains(new ChannelPair(2, 3));
    }

    @Test
    void answer_withoutTimeout_isRfc2326s60Seconds_andWithoutTransport_isTheOffer() {
        SetupNegotiation.Outcome o = SetupNegotiation.initial().answer(ok("ABCDEFGH", null), TCP);

        assertThat(o.session().timeout()).isEqualTo(SetupNegotiation.DEFAULT_SESSION_TIMEOUT);
        assertThat(o.transport()).isSameAs(TCP);
    }

    @Test
    void answer_secondTrackWithAnotherId_keepsTheFirst() {
        SetupNegotiation first = SetupNegotiation.initial().answer(ok("11111111", null), TCP).session();

        SetupNegotiation second = first.answer(ok("22222222;timeout=30", null), TCP).session();

        assertThat(second.sessionId()).isEqualTo("11111111");
        assertThat(second.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void answer_firstWithoutSession_orOtherLowerTransport_orRefusal_fails() {
        assertThatThrownBy(() -> SetupNegotiation.initial().answer(ok(null, null), TCP))
                .cause().isInstanceOf(CameraException.class).hasMessageContaining("without Session header");
        assertThatThrownBy(() -> SetupNegotiation.initial().answer(ok("11111111", "RTP/AVP;unicast;client_port=5000-5001"), TCP))
                .cause().hasMessageContaining("the camera answered");
        assertThatThrownBy(() -> SetupNegotiation.initial().answer(RtspResponse.builder(new RtspStatus(461, "Unsupported Transport")).build(),
                TransportSpec.udpUnicast(new PortRange(5000, 5001))))
                .cause().hasMessageContaining("461");
    }
}
