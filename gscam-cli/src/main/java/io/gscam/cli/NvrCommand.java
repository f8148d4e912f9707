package io.gscam.cli;

import io.gscam.camera.CameraConfig;
import io.gscam.camera.CameraServer;
import io.gscam.client.CameraUrl;
import io.gscam.nvr.Nvr;
import io.gscam.nvr.NvrOptions;
import io.gscam.nvr.config.CameraSettings;
import io.gscam.nvr.config.ConfigException;
import io.gscam.nvr.config.ConfigLoader;
import io.gscam.nvr.config.NvrConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code gscam nvr}: records cameras until interrupted (SIGTERM, Ctrl-C), then finishes every
 * open segment and exits 0. Without {@code --config}, the demo: the emulator as camera {@code demo}
 * in this process, recorded continuously into ./gscam-data, HTTP on 127.0.0.1.
 */
@Command(name = "nvr", mixinStandardHelpOptions = true,
        description = {"Record cameras continuously or on alarm, within a disk budget, and serve the recordings.",
                "Without --config: a demo with an emulated camera 'demo' in this process."})
public final class NvrCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The YAML configuration (docs/nvr.md).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (segments, index.db), overriding the file's 'data'.")
    Path data;

    @Option(names = "--http-port", paramLabel = "H", description = "HTTP port (default 8080), overriding the file's http.port.")
    Integer httpPort;

    @Option(names = "--rtsp-port", paramLabel = "R", description = "Relay RTSP port (default 8554), overriding the file's rtsp.port.")
    Integer rtspPort;

    /** The NVR and, in the demo, its emulated camera. */
    record Running(Nvr nvr, CameraServer demoCamera) implements AutoCloseable {
        @Override
        public void close() {
            nvr.close();
            if (demoCamera != null) {
                demoCamera.close();
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        Running running = start(spec.commandLine().getOut());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
            // SIGTERM/Ctrl-C is how an NVR is stopped, not a failure: once every segment is closed,
            // exit 0 (the JVM would report 143/130 for the signal otherwise).
            spec.commandLine().getOut().flush();
            Runtime.getRuntime().halt(0);
        }, "gscam-nvr-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts the NVR (and the demo camera) and prints where to find it, without credentials. */
    Running start(PrintWriter out) throws Exception {
        NvrConfig cfg;
        CameraServer demo = null;
        InetAddress bind;
        if (config != null) {
            try {
                cfg = ConfigLoader.load(config);
            } catch (ConfigException e) {
                throw new CommandFailure(e.getMessage(), 2);
            }
            bind = InetAddress.getByName("0.0.0.0");
        } else {
            bind = InetAddress.getLoopbackAddress();
            demo = new CameraServer(CameraConfig.defaults().toBuilder().bindAddress(bind).httpPort(0).rtspPort(0)
                    .udpRtpPort(0).build());
            demo.start();
            cfg = NvrConfig.defaults().withCameras(List.of(CameraSettings.of("demo",
                    CameraUrl.parse("rtsp://admin:admin@127.0.0.1:" + demo.rtspAddress().getPort() + "/0"))));
        }
        if (data != null) {
            cfg = cfg.withData(data);
        }
        if (httpPort != null) {
            cfg = cfg.withHttpPort(httpPort);
        }
        if (rtspPort != null) {
            cfg = cfg.withRtspPort(rtspPort);
        }
        Nvr nvr;
        try {
            nvr = Nvr.start(cfg, NvrOptions.defaults().withBindAddress(bind));
        } catch (java.io.IOException e) {
            if (demo != null) {
                demo.close();
            }
            throw new CommandFailure(e.getMessage());
        }
        String host = bind.isAnyLocalAddress() ? "127.0.0.1" : bind.getHostAddress();
        String base = "http://" + host + ":" + nvr.httpAddress().getPort();
        out.println("gscam nvr: recording " + cfg.cameras().size() + " camera(s) into " + cfg.data());
        for (CameraSettings c : cfg.cameras()) {
            out.println("  " + c.name() + ": " + c.safeUrl() + " (" + c.record().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        out.println("  dashboard " + base + "/ (live view, timeline, playback)");
        out.println("  API       " + base + "/api/cameras  " + base + "/list?camera=NAME  " + base + "/metrics");
        out.println("  relay     rtsp://" + host + ":" + nvr.rtspAddress().getPort() + "/NAME  (each camera, over RTSP)");
        out.println("  account   " + cfg.http().user() + " (Basic auth; the password is the configured one)");
        out.flush();
        return new Running(nvr, demo);
    }
}
