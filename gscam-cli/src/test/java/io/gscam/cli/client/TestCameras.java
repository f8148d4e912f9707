package io.gscam.cli.client;

import io.gscam.camera.CameraConfig;
import io.gscam.camera.CameraServer;

import java.net.InetAddress;

/** The camera emulator as the commands' peer: default channels, account admin/admin, on 127.0.0.1. */
final class TestCameras {
    private TestCameras() {
    }

    /** Started on {@code rtspPort} (0 for a free one), HTTP and RTP/UDP on free ports. */
    static CameraServer start(int rtspPort) throws Exception {
        CameraServer camera = new CameraServer(CameraConfig.defaults().toBuilder()
                .bindAddress(InetAddress.getLoopbackAddress())
                .httpPort(0).rtspPort(rtspPort).udpRtpPort(0)
                .build());
        camera.start();
        return camera;
    }
}
