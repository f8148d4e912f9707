package io.gscam.cli;

import io.gscam.camera.CameraServer;
import io.gscam.camera.LoopbackCamera;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The default emulator on 127.0.0.1 as the commands' peer, one per test class:
 * {@code @RegisterExtension static final EmulatedCamera emulator = new EmulatedCamera();}
 */
public final class EmulatedCamera implements BeforeAllCallback, AfterAllCallback {
    private CameraServer camera;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        camera = LoopbackCamera.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (camera != null) {
            camera.close();
        }
    }

    public CameraServer camera() {
        return camera;
    }

    public int rtspPort() {
        return camera.rtspAddress().getPort();
    }

    /** {@code rtsp://CREDENTIALS@127.0.0.1:PORT/CHANNEL}. */
    public String url(String credentials, int channel) {
        return "rtsp://" + credentials + "@127.0.0.1:" + rtspPort() + "/" + channel;
    }
}
