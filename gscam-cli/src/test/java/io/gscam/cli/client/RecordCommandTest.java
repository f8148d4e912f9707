package io.gscam.cli.client;

import io.gscam.client.CameraOptions;
import io.gscam.client.CameraUrl;
import io.gscam.client.Transport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RecordCommandTest {
    private static CameraOptions options(String... args) {
        RecordCommand command = new RecordCommand();
        new CommandLine(command).parseArgs(args);
        return command.cameraOptions(CameraUrl.parse("rtsp://127.0.0.1:554/0"), Duration.ofSeconds(7));
    }

    @Test
    void aRecording_resumesVideoAfterALossOnlyAtTheNextKeyframe_withTheClientFlagsAndTimeout() {
        CameraOptions o = options("rtsp://127.0.0.1:554/0", "-o", "out.mp4", "--transport", "udp");
        assertThat(o.keyframeAfterLoss()).as("no frame whose reference was lost gets into the file").isTrue();
        assertThat(o.transport()).isEqualTo(Transport.UDP);
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(o.responseTimeout()).isEqualTo(Duration.ofSeconds(7));
    }
}
