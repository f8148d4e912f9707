package io.gscam.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GStreamer's RTSP server (gst-rtsp-server.py, run by Debian's /usr/bin/python3 with python3-gi)
 * serving H.264 640x480 30 fps and PCMU 8 kHz on 127.0.0.1: a server nobody in this project wrote.
 */
public final class GstRtspServer implements AutoCloseable {
    public static final String PYTHON = "/usr/bin/python3";
    public static final String PATH = "/test";

    private final Process process;
    private final int port;

    private GstRtspServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Why the server cannot run here, or null when it can. */
    public static String unavailableReason() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return PYTHON + " not installed";
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import gi; gi.require_version('GstRtspServer', '1.0'); "
                    + "gi.require_version('Gst', '1.0'); from gi.repository import Gst, GstRtspServer; Gst.init(None); "
                    + "import sys; sys.exit(0 if Gst.ElementFactory.find('x264enc') else 3)")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "python3-gi did not answer";
            }
            return switch (p.exitValue()) {
                case 0 -> null;
                case 3 -> "GStreamer x264enc (gstreamer1.0-plugins-ugly) not installed";
                default -> "python3-gi with gir1.2-gst-rtsp-server-1.0 not installed";
            };
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Starts the server on a free port and waits (up to 30 s) for its READY line. */
    public static GstRtspServer start() throws IOException, InterruptedException {
        // The script's text, passed with -c: inside testkit's jar (a reactor verify) it is no file.
        String script;
        try (java.io.InputStream in = GstRtspServer.class.getResourceAsStream("/gst-rtsp-server.py")) {
            if (in == null) {
                throw new IOException("gst-rtsp-server.py missing from gscam-testkit's resources");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // gst-rtsp-server cannot bind port 0; a port just released by the OS is free in practice.
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process process = new ProcessBuilder(PYTHON, "-c", script, Integer.toString(port), PATH)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.strip().equals("READY")) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        GstRtspServer server = new GstRtspServer(process, port);
        try {
            if (!ready.get(30, TimeUnit.SECONDS)) {
                server.close();
                throw new IOException("gst-rtsp-server.py exited before READY (exit " + process.exitValue() + ")");
            }
        } catch (ExecutionException | TimeoutException e) {
            server.close();
            throw new IOException("gst-rtsp-server.py not READY within 30 s", e);
        }
        return server;
    }

    public String url() {
        return "rtsp://127.0.0.1:" + port + PATH;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // the script stops when its stdin closes
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
