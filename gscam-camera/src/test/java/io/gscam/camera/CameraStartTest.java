package io.gscam.camera;

import io.gscam.camera.http.CameraApi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.InstantSource;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up failures say which port could not be bound, and leave nothing bound behind. */
class CameraStartTest {
    private static CameraServer camera(CameraConfig c) {
        return new CameraServer(c, InstantSource.system(), System::nanoTime, new ChannelSources(c), CameraApi.Options.defaults(), new Random(5));
    }

    @Test
    void httpPortInUse_failsNamingTheHttpPort_andReleasesTheRtspPort() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket taken = new ServerSocket(0, 1, loopback); ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            int rtspPort = probe.getLocalPort();
            probe.close();
            CameraConfig c = CameraConfig.defaults().toBuilder().bindAddress(loopback)
                    .httpPort(taken.getLocalPort()).rtspPort(rtspPort).build();
            CameraServer camera = camera(c);
            assertThatThrownBy(camera::start).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot bind the camera's HTTP port " + taken.getLocalPort())
                    .hasMessageNotContaining("RTSP");
            try (ServerSocket again = new ServerSocket()) {
                again.bind(new InetSocketAddress(loopback, rtspPort));
                assertThat(again.isBound()).as("the RTSP port is free again").isTrue();
            }
        }
    }

    @Test
    void rtspPortInUse_failsNamingTheRtspPort() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
            CameraConfig c = CameraConfig.defaults().toBuilder().bindAddress(loopback).httpPort(0).rtspPort(taken.getLocalPort()).build();
            assertThatThrownBy(camera(c)::start).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot bind the camera's RTSP port " + taken.getLocalPort());
        }
    }
}
