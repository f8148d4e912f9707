package io.gscam.camera.mctp;

import io.gscam.testkit.Await;
import io.gscam.testkit.MutableClock;
import io.gscam.server.mctp.MctpService;
import io.gscam.camera.alarm.Alarm;
import io.gscam.camera.alarm.AlarmSource;
import io.gscam.server.session.CloseReason;
import io.gscam.server.session.RtspSession;
import io.gscam.protocol.grandstream.DeviceModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static io.gscam.camera.mctp.MctpTestCamera.closedByPeer;
import static io.gscam.camera.mctp.MctpTestCamera.readMessage;
import static io.gscam.camera.mctp.MctpTestCamera.send;
import static org.assertj.core.api.Assertions.assertThat;

class MctpServiceTest {
    private static final String KEEP_ALIVE = "CMD:ALIVE MCTP/1.0 CS\nEND\n";
    private static final String KEEP_ALIVE_REPLY = "CMD:ALIVE MCTP/1.0 SC\nEND\n";
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private MctpTestCamera camera;

    @BeforeEach
    void start() throws Exception {
        camera = new MctpTestCamera(clock, MctpService.DEFAULT_SILENCE);
    }

    @AfterEach
    void stop() {
        camera.close();
    }

    private static String register(String session, int channel) {
        return "CMD:ALIVE MCTP/1.0 CS\n@" + session + "@" + channel + "\nEND\n";
    }

    private static String registerReply(String session, int channel, int result) {
        return "CMD:ALIVE MCTP/1.0 SC\n@" + session + "@" + channel + "@" + result + "\nEND\n";
    }

    @Test
    void register_liveSessionOnItsChannel_answersOne() throws Exception {
        try (Socket rtsp = camera.connect(); Socket mctp = camera.connect()) {
            RtspSession session = camera.openSession(rtsp, 0);
            send(mctp, register(session.id(), 0));
            assertThat(readMessage(mctp)).isEqualTo(registerReply(session.id(), 0, 1));
            Await.until(MctpTestCamera.READ_DEADLINE, "camera.mctp.heartbeats() == 1", () -> camera.mctp.heartbeats() == 1);
        }
    }

    @Test
    void register_unknownSession_answersZeroAndKeepsConnection() throws Exception {
        try (Socket mctp = camera.connect()) {
            send(mctp, register("12345678", 0));
            assertThat(readMessage(mctp)).isEqualTo(registerReply("12345678", 0, 0));
            send(mctp, KEEP_ALIVE);
            assertThat(readMessage(mctp)).isEqualTo(KEEP_ALIVE_REPLY);
            assertThat(camera.mctp.heartbeats()).isZero();
        }
    }

    @Test
    void register_liveSessionOnOtherChannel_answersZero() throws Exception {
        try (Socket rtsp = camera.connect(); Socket mctp = camera.connect()) {
            RtspSession session = camera.openSession(rtsp, 1);
            send(mctp, register(session.id(), 0));
            assertThat(readMessage(mctp)).isEqualTo(registerReply(session.id(), 0, 0));
        }
    }

    @Test
    void keepAlive_tolerantSpelling_answersScForm() throws Exception {
        try (Socket mctp = camera.connect()) {
            send(mctp, "CMD: ALIVE MCTP/1.0 CS\r\n\r\nEND\r\n");
            assertThat(readMessage(mctp)).isEqualTo(KEEP_ALIVE_REPLY);
            send(mctp, KEEP_ALIVE + KEEP_ALIVE);
            assertThat(readMessage(mctp) + readMessage(mctp)).isEqualTo(KEEP_ALIVE_REPLY + KEEP_ALIVE_REPLY);
        }
    }

    @Test
    void silentHeartbeat_closesHeartbeatRtspConnectionAndSession() throws Exception {
        try (Socket rtsp = camera.connect(); Socket mctp = camera.connect()) {
            RtspSession session = camera.openSession(rtsp, 0);
            send(mctp, register(session.id(), 0));
            readMessage(mctp);

            clock.advance(Duration.ofSeconds(9));
            camera.mctp.sweep();
            assertThat(session.isLive()).isTrue();
            clock.advance(Duration.ofSeconds(2));
            camera.mctp.sweep();

            assertThat(closedByPeer(mctp)).isTrue();
            assertThat(closedByPeer(rtsp)).isTrue();
            assertThat(session.isLive()).isFalse();
            assertThat(camera.sessions.openSessions()).isZero();
        }
    }

    @Test
    void keepAlives_withinTheLimit_keepSessionAlive() throws Exception {
        try (Socket rtsp = camera.connect(); Socket mctp = camera.connect()) {
            RtspSession session = camera.openSession(rtsp, 0);
            send(mctp, register(session.id(), 0));
            readMessage(mctp);
            for (int i = 0; i < 4; i++) {
                clock.advance(Duration.ofSeconds(6));
                send(mctp, KEEP_ALIVE);
                assertThat(readMessage(mctp)).isEqualTo(KEEP_ALIVE_REPLY);
                camera.mctp.sweep();
            }
            assertThat(session.isLive()).isTrue();
            assertThat(session.connection().isActive()).isTrue();
            assertThat(camera.mctp.connections()).isEqualTo(1);
        }
    }

    @Test
    void sessionWithoutHeartbeat_isNotDroppedBySilenceRule() throws Exception {
        try (Socket rtsp = camera.connect()) {
            RtspSession session = camera.openSession(rtsp, 0);
            clock.advance(Duration.ofSeconds(60));
            camera.mctp.sweep();
            assertThat(session.isLive()).isTrue();
            assertThat(session.connection().isActive()).isTrue();
            assertThat(camera.sessions.openSessions()).isEqualTo(1);
        }
    }

    @Test
    void heartbeatConnectionLost_andNotRenewed_endsSessionAfterLimit() throws Exception {
        try (Socket rtsp = camera.connect()) {
            RtspSession session = camera.openSession(rtsp, 0);
            try (Socket mctp = camera.connect()) {
                send(mctp, register(session.id(), 0));
                readMessage(mctp);
            }
            Await.until(MctpTestCamera.READ_DEADLINE, "camera.mctp.connections() == 0", () -> camera.mctp.connections() == 0);
            clock.advance(Duration.ofSeconds(5));
            camera.mctp.sweep();
            assertThat(session.isLive()).as("within the limit the client may reconnect").isTrue();
            clock.advance(Duration.ofSeconds(6));
            camera.mctp.sweep();
            assertThat(session.isLive()).isFalse();
            assertThat(closedByPeer(rtsp)).isTrue();
        }
    }

    @Test
    void heartbeatConnectionLost_thenRegisteredAgain_keepsSession() throws Exception {
        try (Socket rtsp = camera.connect()) {
            RtspSession session = camera.openSession(rtsp, 0);
            try (Socket mctp = camera.connect()) {
                send(mctp, register(session.id(), 0));
                readMessage(mctp);
            }
            clock.advance(Duration.ofSeconds(5));
            try (Socket again = camera.connect()) {
                send(again, register(session.id(), 0));
                assertThat(readMessage(again)).isEqualTo(registerReply(session.id(), 0, 1));
                clock.advance(Duration.ofSeconds(8));
                camera.mctp.sweep();
                assertThat(session.isLive()).isTrue();
            }
        }
    }

    @Test
    void sessionTornDown_closesItsHeartbeatConnection() throws Exception {
        try (Socket rtsp = camera.connect(); Socket mctp = camera.connect()) {
            RtspSession session = camera.openSession(rtsp, 0);
            send(mctp, register(session.id(), 0));
            readMessage(mctp);
            camera.sessions.close(session.id(), CloseReason.TEARDOWN);
            assertThat(closedByPeer(mctp)).isTrue();
            assertThat(camera.mctp.heartbeats()).isZero();
        }
    }

    @Test
    void unknownCommand_isIgnoredWithoutDisconnect() throws Exception {
        try (Socket mctp = camera.connect()) {
            send(mctp, "CMD:REBOOT MCTP/1.0 CS\n@1\nEND\n" + KEEP_ALIVE);
            assertThat(readMessage(mctp)).isEqualTo(KEEP_ALIVE_REPLY);
        }
    }

    @Test
    void malformedMessage_closesConnection() throws Exception {
        try (Socket mctp = camera.connect()) {
            send(mctp, "CMD:ALIVE MCTP/1.0 CS\nnot a field line\nEND\n");
            assertThat(closedByPeer(mctp)).isTrue();
        }
    }

    @Test
    void malformedRegistrationBody_closesConnection() throws Exception {
        try (Socket mctp = camera.connect()) {
            send(mctp, "CMD:ALIVE MCTP/1.0 CS\n@123@0\nEND\n");
            assertThat(closedByPeer(mctp)).isTrue();
        }
    }

    @Test
    void silentUnregisteredConnection_isClosed() throws Exception {
        try (Socket mctp = camera.connect()) {
            send(mctp, KEEP_ALIVE);
            readMessage(mctp);
            clock.advance(Duration.ofSeconds(11));
            camera.mctp.sweep();
            assertThat(closedByPeer(mctp)).isTrue();
            Await.until(MctpTestCamera.READ_DEADLINE, "camera.mctp.connections() == 0", () -> camera.mctp.connections() == 0);
        }
    }

    @Test
    void alarmSubscription_receivesAlarmsOfItsChannelOnly() throws Exception {
        try (Socket mctp = camera.connect()) {
            send(mctp, register("FFFFFFFF", 2));
            assertThat(readMessage(mctp)).isEqualTo(registerReply("FFFFFFFF", 2, 1));
            Instant t = Instant.parse("2024-05-01T12:00:05Z");
            assertThat(camera.alarms.publish(new Alarm(3, AlarmSource.MOTION, t))).isZero();
            assertThat(camera.alarms.publish(new Alarm(2, AlarmSource.INPUT1, t))).isEqualTo(1);
            assertThat(readMessage(mctp)).isEqualTo("CMD:ALARM MCTP/1.0 SC\n@2@INPUT1@2024-05-01T12:00:05Z\nEND\n");
        }
    }

    @Test
    void alarmSubscriptionAllChannels_receivesEveryChannel() throws Exception {
        try (Socket mctp = camera.connect()) {
            send(mctp, register("FFFFFFFF", -1));
            assertThat(readMessage(mctp)).isEqualTo(registerReply("FFFFFFFF", -1, 1));
            Instant t = Instant.parse("2024-05-01T12:00:05Z");
            camera.alarms.publish(new Alarm(0, AlarmSource.MOTION, t));
            camera.alarms.publish(new Alarm(7, AlarmSource.INPUT4, t));
            assertThat(readMessage(mctp)).isEqualTo("CMD:ALARM MCTP/1.0 SC\n@0@MOTION@2024-05-01T12:00:05Z\nEND\n");
            assertThat(readMessage(mctp)).isEqualTo("CMD:ALARM MCTP/1.0 SC\n@7@INPUT4@2024-05-01T12:00:05Z\nEND\n");
        }
    }

    @Test
    void alarmSubscriptionUnknownChannel_answersZero() throws Exception {
        try (Socket mctp = camera.connect()) {
            send(mctp, register("FFFFFFFF", 9));
            assertThat(readMessage(mctp)).isEqualTo(registerReply("FFFFFFFF", 9, 0));
            assertThat(camera.alarms.subscribers()).isZero();
        }
    }

    @Test
    void alarmSubscription_channelTheIpCameraLacks_answersZero_itsOwnAndAllChannelsOne() throws Exception {
        try (MctpTestCamera ipcam = new MctpTestCamera(clock, Duration.ofSeconds(10), DeviceModel.IPCAM);
             Socket lacking = ipcam.connect(); Socket own = ipcam.connect(); Socket all = ipcam.connect()) {
            send(lacking, register("FFFFFFFF", 1));
            assertThat(readMessage(lacking)).isEqualTo(registerReply("FFFFFFFF", 1, 0));
            send(own, register("FFFFFFFF", 4));
            assertThat(readMessage(own)).isEqualTo(registerReply("FFFFFFFF", 4, 1));
            send(all, register("FFFFFFFF", -1));
            assertThat(readMessage(all)).isEqualTo(registerReply("FFFFFFFF", -1, 1));
            assertThat(ipcam.alarms.subscribers()).isEqualTo(2);
        }
    }

    @Test
    void alarmSubscription_silent_isClosedAndUnsubscribed() throws Exception {
        try (Socket mctp = camera.connect()) {
            send(mctp, register("FFFFFFFF", -1));
            readMessage(mctp);
            clock.advance(Duration.ofSeconds(11));
            camera.mctp.sweep();
            assertThat(closedByPeer(mctp)).isTrue();
            Await.until(MctpTestCamera.READ_DEADLINE, "camera.alarms.subscribers() == 0", () -> camera.alarms.subscribers() == 0);
        }
    }

    @Test
    void scheduledSweep_withShortLimit_closesSilentHeartbeatAndSession() throws Exception {
        camera.close();
        camera = new MctpTestCamera(java.time.Clock.systemUTC(), Duration.ofMillis(300));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Socket rtsp = camera.connect(); Socket mctp = camera.connect()) {
            camera.mctp.start(scheduler);
            RtspSession session = camera.openSession(rtsp, 4);
            send(mctp, register(session.id(), 4));
            assertThat(readMessage(mctp)).isEqualTo(registerReply(session.id(), 4, 1));
            assertThat(closedByPeer(mctp)).isTrue();
            assertThat(closedByPeer(rtsp)).isTrue();
            Await.until(MctpTestCamera.READ_DEADLINE, "camera.sessions.openSessions() == 0", () -> camera.sessions.openSessions() == 0);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
