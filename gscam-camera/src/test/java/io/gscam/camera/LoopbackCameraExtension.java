package io.gscam.camera;

import io.gscam.testkit.Peers;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/**
 * One loopback camera for all the tests of a class, closed after the last; the class is skipped
 * when a peer it plays the camera with is not installed:
 * {@code @RegisterExtension static final LoopbackCameraExtension CAMERA = new LoopbackCameraExtension(LoopbackCamera.config()::build, "ffprobe");}
 */
final class LoopbackCameraExtension implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<CameraConfig> config;
    private final String[] peers;
    private CameraServer camera;

    LoopbackCameraExtension(Supplier<CameraConfig> config, String... peers) {
        this.config = config;
        this.peers = peers.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Peers.assumeInstalled(peers);
        camera = LoopbackCamera.start(config.get());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (camera != null) {
            camera.close();
        }
    }

    /** {@code rtsp://admin:admin@127.0.0.1:PORT/CHANNEL} of the running camera. */
    String url(int channel) {
        return LoopbackCamera.url(camera, channel);
    }
}
