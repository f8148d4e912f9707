package io.gscam.nvr;

import io.gscam.client.CameraUrl;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.NvrConfig;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * An NVR in a process of its own, for {@link KillNineTest}: {@code NvrProcess DATA RTSP_PORT PASSWORD};
 * records camera {@code cam} in 1 s segments with HTTP on a free port, prints {@code READY} and
 * runs until killed.
 */
public final class NvrProcess {
    private NvrProcess() {
    }

    public static void main(String[] args) throws Exception {
        NvrConfig config = NvrConfig.defaults().withData(Path.of(args[0])).withHttpPort(0).withRtspPort(0)
                .withStorage(new NvrConfig.Storage(50_000_000_000L, 0))
                .withCameras(List.of(CameraSettings.of("cam",
                        CameraUrl.parse("rtsp://admin:" + args[2] + "@127.0.0.1:" + args[1] + "/0"))));
        Nvr nvr = Nvr.start(config, NvrOptions.defaults().withSegmentDuration(Duration.ofSeconds(1))
                .withBindAddress(InetAddress.getLoopbackAddress()));
        System.out.println("READY " + nvr.httpAddress().getPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
