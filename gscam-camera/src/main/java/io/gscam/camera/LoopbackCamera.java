package io.gscam.camera;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The emulator embedded in a test: bound to 127.0.0.1 with HTTP, RTSP and RTP/UDP on free ports, so
 * a JUnit test of an NVR or client starts a real Grandstream peer in one line and reads its ports
 * from {@link CameraServer#rtspAddress()}. Close it (try-with-resources or an after-each) when done.
 *
 * <pre>{@code
 * try (CameraServer camera = LoopbackCamera.start()) {
 *     String url = LoopbackCamera.url(camera, 0); // rtsp://admin:admin@127.0.0.1:PORT/0
 *     ...
 * }
 * }</pre>
 */
public final class LoopbackCamera {
    private LoopbackCamera() {
    }

    /** The default camera (channels, account admin/admin) on 127.0.0.1, every port free: change what the test needs. */
    public static CameraConfig.Builder config() {
        return CameraConfig.defaults().toBuilder()
                .bindAddress(InetAddress.getLoopbackAddress())
                .httpPort(0).rtspPort(0).udpRtpPort(0);
    }

    /** Starts the default camera on loopback. */
    public static CameraServer start() throws IOException, InterruptedException {
        return start(config().build());
    }

    /** Starts {@code config} (usually from {@link #config()}); nothing stays bound when the start fails. */
    public static CameraServer start(CameraConfig config) throws IOException, InterruptedException {
        return start(new CameraServer(config));
    }

    /** Starts {@code camera}, closing it when the start fails. */
    public static CameraServer start(CameraServer camera) throws IOException, InterruptedException {
        try {
            camera.start();
            return camera;
        } catch (IOException | InterruptedException | RuntimeException e) {
            camera.close();
            throw e;
        }
    }

    /** {@code rtsp://USER:PASSWORD@127.0.0.1:PORT/CHANNEL} of a started loopback camera, with its own account. */
    public static String url(CameraServer camera, int channel) {
        CameraConfig c = camera.config();
        return "rtsp://" + c.user() + ":" + c.password() + "@127.0.0.1:" + camera.rtspAddress().getPort() + "/" + channel;
    }
}
