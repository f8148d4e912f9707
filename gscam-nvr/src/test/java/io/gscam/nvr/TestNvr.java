package io.gscam.nvr;

import io.gscam.camera.CameraConfig;
import io.gscam.camera.CameraServer;
import io.gscam.client.CameraUrl;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.NvrConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** The emulator as the NVR's camera, and an HTTP client for the NVR's API, all on 127.0.0.1. */
final class TestNvr {
    static final String CAMERA_PASSWORD = "cam-secret-42";

    private TestNvr() {
    }

    /** An emulator with account admin/{@link #CAMERA_PASSWORD} on {@code rtspPort} (0: a free one). */
    static CameraServer camera(int rtspPort) throws Exception {
        CameraServer camera = new CameraServer(CameraConfig.defaults().toBuilder()
                .bindAddress(InetAddress.getLoopbackAddress())
                .account("admin", CAMERA_PASSWORD)
                .httpPort(0).rtspPort(rtspPort).udpRtpPort(0)
                .build());
        camera.start();
        return camera;
    }

    static CameraSettings settings(String name, CameraServer camera) {
        return CameraSettings.of(name, CameraUrl.parse("rtsp://admin:" + CAMERA_PASSWORD + "@127.0.0.1:"
                + camera.rtspAddress().getPort() + "/0"));
    }

    static NvrConfig config(Path data, CameraSettings... cameras) {
        return NvrConfig.defaults().withData(data).withHttpPort(0).withRtspPort(0).withCameras(List.of(cameras))
                .withStorage(new NvrConfig.Storage(50_000_000_000L, 0));
    }

    static NvrOptions options(Duration segment) throws IOException {
        return NvrOptions.defaults().withSegmentDuration(segment).withBindAddress(InetAddress.getLoopbackAddress());
    }

    /** GET {@code pathAndQuery} with the NVR's default account. */
    static HttpResponse<byte[]> get(Nvr nvr, String pathAndQuery) throws IOException, InterruptedException {
        return get(nvr, pathAndQuery, "admin:admin");
    }

    static HttpResponse<byte[]> get(Nvr nvr, String pathAndQuery, String account) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nvr.httpAddress().getPort() + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        if (account != null) {
            r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(account.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
