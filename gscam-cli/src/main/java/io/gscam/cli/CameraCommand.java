package io.gscam.cli;

import io.gscam.camera.CameraConfig;
import io.gscam.camera.CameraServer;
import io.gscam.protocol.grandstream.DeviceModel;
import io.gscam.server.limits.ConnectionLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code gscam camera}: runs the Grandstream DVS / IP camera emulator until interrupted. */
@Command(name = "camera", mixinStandardHelpOptions = true,
        description = "Run a Grandstream DVS / IP camera emulator that RTSP clients and NVRs can play.")
public final class CameraCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--http-port", defaultValue = "6554", paramLabel = "P",
            description = "HTTP port (default ${DEFAULT-VALUE}); RTSP is 554 when P is 80, else 2000+P.")
    int httpPort;

    @Option(names = "--rtsp-port", paramLabel = "R", description = "RTSP port, overriding the port rule.")
    Integer rtspPort;

    @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDRESS", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--user", defaultValue = CameraConfig.DEFAULT_USER, description = "Account user (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = CameraConfig.DEFAULT_PASSWORD, description = "Account password (default admin).")
    String password;

    @Option(names = "--basic-auth", description = "Also accept Basic authentication.")
    boolean basicAuth;

    @Option(names = "--model", defaultValue = "dvs", paramLabel = "dvs|ipcam",
            description = "dvs serves channels 0..7, ipcam 0 and 4 (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--video", paramLabel = "CH=h264|mjpeg", description = "Video codec of a channel.")
    Map<Integer, String> video = new LinkedHashMap<>();

    @Option(names = "--audio", paramLabel = "CH=pcmu|pcma|g726-16|g726-24|g726-32|g726-40|none",
            description = "Audio codec of a channel (default pcmu); aal2-g726-NN sends G.726 with AAL2 packing.")
    Map<Integer, String> audio = new LinkedHashMap<>();

    @Option(names = "--source", paramLabel = "CH=FILE", description = "Loop an H.264 Annex-B or MP4 file on a channel.")
    Map<Integer, Path> source = new LinkedHashMap<>();

    @Option(names = "--encoder", defaultValue = "builtin", paramLabel = "builtin|ffmpeg",
            description = "Built-in H.264 loops, or live encoding through an installed ffmpeg (default ${DEFAULT-VALUE}).")
    String encoder;

    @Option(names = "--g726-packing", defaultValue = "rfc3551", paramLabel = "rfc3551|aal2",
            description = "Bit packing of G.726 audio: rfc3551 (G726-32, little-endian, default) or aal2 (AAL2-G726-32, big-endian).")
    String g726Packing;

    @Option(names = "--alarm-every", paramLabel = "SECONDS", description = "Raise a demo MOTION alarm this often, on each channel in turn.")
    Integer alarmEvery;

    @Option(names = "--session-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "End a session after this long without request or RTCP report (default ${DEFAULT-VALUE}).")
    int sessionTimeout;

    @Option(names = "--header-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Close a connection whose request is not complete this long after its first byte (default ${DEFAULT-VALUE}).")
    int headerTimeout;

    @Option(names = "--idle-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Close a connection without a playing session after this long without a request (default ${DEFAULT-VALUE}).")
    int idleTimeout;

    @Override
    public Integer call() throws Exception {
        CameraServer camera = start(spec.commandLine().getOut(), spec.commandLine().getErr());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            camera.close();
            stopped.countDown();
        }, "gscam-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return 0;
    }

    /** Starts the camera and prints where it listens: the RTSP and HTTP ports and every stream's URL. */
    CameraServer start(PrintWriter out, PrintWriter err) throws Exception {
        CameraServer camera = new CameraServer(config(), apiOptions());
        camera.start();
        if (camera.config().usesDefaultCredentials()) {
            err.println("gscam camera: warning: using the default account admin/admin; set --user and --password");
            err.flush();
        }
        String host = camera.config().bindAddress().isAnyLocalAddress() ? "127.0.0.1" : bind;
        out.println("gscam camera: " + camera.config().model().name().toLowerCase(Locale.ROOT) + " on RTSP port "
                + camera.rtspAddress().getPort() + " (UDP RTP " + camera.udpRtpPort() + "-" + (camera.udpRtpPort() + 1) + ")");
        camera.api().ifPresent(api -> out.println("  HTTP port " + api.httpAddress().getPort()
                + ": POST /api/alarm?channel=N&source=MOTION, GET /snapshot/view<N>.jpg"));
        for (String url : camera.streamUrls(host)) {
            out.println("  " + url);
        }
        out.flush();
        return camera;
    }

    CameraConfig config() throws Exception {
        CameraConfig.Builder b = CameraConfig.defaults().toBuilder()
                .httpPort(httpPort)
                .bindAddress(InetAddress.getByName(bind))
                .account(user, password)
                .basicAuth(basicAuth)
                .encoder(encoder.toLowerCase(Locale.ROOT))
                .sessionTimeout(java.time.Duration.ofSeconds(sessionTimeout))
                .limits(limits());
        if (rtspPort != null) {
            b.rtspPort(rtspPort);
        }
        b.model(switch (model.toLowerCase(Locale.ROOT)) {
            case "dvs" -> DeviceModel.DVS;
            case "ipcam" -> DeviceModel.IPCAM;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--model must be dvs or ipcam, not " + model);
        });
        video.forEach((ch, codec) -> b.channel(ch, b.media(ch).withVideo(codec)));
        boolean aal2 = switch (g726Packing.toLowerCase(Locale.ROOT)) {
            case "rfc3551" -> false;
            case "aal2" -> true;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--g726-packing must be rfc3551 or aal2, not " + g726Packing);
        };
        audio.forEach((ch, codec) -> b.channel(ch, b.media(ch).withAudio(
                aal2 && codec.toLowerCase(Locale.ROOT).startsWith("g726-") ? "aal2-" + codec : codec)));
        source.forEach((ch, file) -> b.channel(ch, b.media(ch).withSource(file)));
        return b.build();
    }

    private ConnectionLimits limits() {
        if (headerTimeout <= 0 || idleTimeout <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--header-timeout and --idle-timeout must be positive seconds, not " + headerTimeout + " and " + idleTimeout);
        }
        return new ConnectionLimits(java.time.Duration.ofSeconds(headerTimeout), java.time.Duration.ofSeconds(idleTimeout));
    }

    /** The HTTP/alarm options: {@code --alarm-every}. */
    io.gscam.camera.http.CameraApi.Options apiOptions() {
        var options = io.gscam.camera.http.CameraApi.Options.defaults();
        if (alarmEvery != null) {
            if (alarmEvery <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--alarm-every must be a positive number of seconds");
            }
            options = options.withAlarmEvery(java.time.Duration.ofSeconds(alarmEvery));
        }
        return options;
    }
}
