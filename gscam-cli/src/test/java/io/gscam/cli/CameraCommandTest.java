package io.gscam.cli;

import io.gscam.camera.CameraConfig;
import io.gscam.camera.CameraServer;
import io.gscam.protocol.grandstream.DeviceModel;
import io.gscam.server.limits.ConnectionLimits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CameraCommandTest {
    /** The command with {@code args} parsed, not run. */
    private static CameraCommand parse(String... args) {
        CameraCommand command = new CameraCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void config_defaultHttpPort6554_rtspOn8554_dvsAndTheDefaultAccount() throws Exception {
        CameraConfig c = parse().config();
        assertThat(c.httpPort()).isEqualTo(6554);
        assertThat(c.effectiveRtspPort()).isEqualTo(8554);
        assertThat(c.bindAddress().isAnyLocalAddress()).isTrue();
        assertThat(c.model()).isEqualTo(DeviceModel.DVS);
        assertThat(c.usesDefaultCredentials()).isTrue();
        assertThat(c.basicAuth()).isFalse();
        assertThat(c.sessionTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.limits()).isEqualTo(ConnectionLimits.DEFAULT);
    }

    @Test
    void config_headerAndIdleTimeouts_areTheConnectionLimits_andMustBePositive() throws Exception {
        assertThat(parse("--header-timeout", "3", "--idle-timeout", "45").config().limits())
                .isEqualTo(new ConnectionLimits(Duration.ofSeconds(3), Duration.ofSeconds(45)));
        assertThatThrownBy(() -> parse("--idle-timeout", "0").config())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--idle-timeout");
        assertThatThrownBy(() -> parse("--header-timeout", "-1").config())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--header-timeout");
    }

    @Test
    void config_portRule_http80IsRtsp554_otherwise2000More_andRtspPortOverrides() throws Exception {
        assertThat(parse("--http-port", "80").config().effectiveRtspPort()).isEqualTo(554);
        assertThat(parse("--http-port", "8080").config().effectiveRtspPort()).isEqualTo(10080);
        assertThat(parse("--http-port", "8080", "--rtsp-port", "9554").config().effectiveRtspPort()).isEqualTo(9554);
    }

    @Test
    void config_modelAccountAndCodecs() throws Exception {
        CameraConfig c = parse("--model", "IPCAM", "--user", "nvr", "--password", "pw", "--basic-auth",
                "--video", "0=mjpeg", "--audio", "4=g726-32", "--g726-packing", "aal2").config();
        assertThat(c.model()).isEqualTo(DeviceModel.IPCAM);
        assertThat(c.user()).isEqualTo("nvr");
        assertThat(c.usesDefaultCredentials()).isFalse();
        assertThat(c.basicAuth()).isTrue();
        assertThat(c.media(0).video()).isEqualTo("mjpeg");
        assertThat(c.media(4).audio()).isEqualTo("aal2-g726-32");
    }

    @Test
    void config_unknownModelOrZeroAlarmPeriod_isAParameterError() {
        assertThatThrownBy(() -> parse("--model", "nvr").config())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("dvs or ipcam");
        CameraCommand zero = parse("--alarm-every", "0");
        zero.spec = new CommandLine(zero).getCommandSpec();
        assertThatThrownBy(zero::apiOptions)
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--alarm-every");
    }

    @Test
    void start_defaultAccount_warnsAndPrintsEveryStreamUrl_andTheCameraAnswers() throws Exception {
        CameraCommand command = parse("--bind", "127.0.0.1", "--http-port", "0", "--rtsp-port", "0", "--model", "ipcam");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CameraServer camera = command.start(new PrintWriter(out), new PrintWriter(err));
        try {
            int port = camera.rtspAddress().getPort();
            assertThat(err.toString()).contains("warning: using the default account admin/admin");
            assertThat(out.toString()).contains("ipcam on RTSP port " + port)
                    .contains("  rtsp://127.0.0.1:" + port + "/0\n").contains("  rtsp://127.0.0.1:" + port + "/4\n")
                    .doesNotContain("/1\n").contains("HTTP port ");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(5000);
                s.getOutputStream().write("OPTIONS rtsp://127.0.0.1/0 RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] head = s.getInputStream().readNBytes(15);
                assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("RTSP/1.0 200 OK");
            }
        } finally {
            camera.close();
        }
    }

    @Test
    void start_ownAccount_noWarning() throws Exception {
        CameraCommand command = parse("--bind", "127.0.0.1", "--http-port", "0", "--rtsp-port", "0",
                "--user", "nvr", "--password", "long-secret");
        StringWriter err = new StringWriter();
        CameraServer camera = command.start(new PrintWriter(new StringWriter()), new PrintWriter(err));
        try {
            assertThat(err.toString()).isEmpty();
        } finally {
            camera.close();
        }
    }
}
