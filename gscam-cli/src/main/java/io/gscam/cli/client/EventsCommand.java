package io.gscam.cli.client;

import io.gscam.cli.CommandFailure;
import io.gscam.client.AlarmEvent;
import io.gscam.client.CameraException;
import io.gscam.client.CameraListener;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraSession;
import io.gscam.client.CameraUrl;
import io.gscam.client.GsCamClient;
import io.gscam.client.StateChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code gscam events URL}: subscribes to the camera's alarms ({@code @FFFFFFFF@<channel>} on the
 * MCTP connection, kept alive) and prints one JSON object per alarm, a line each, flushed at once,
 * so that another program can read them from a pipe. Reconnects when the camera goes away.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Print the camera's alarms, one JSON object per line.",
                "{\"channel\":0,\"source\":\"MOTION\",\"time\":\"2024-05-01T12:00:00Z\",\"raw\":\"...\"}",
                "Runs until interrupted, or until --count alarms came."})
public final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "rtsp://[user:password@]host[:port][/channel]")
    String url;

    @Option(names = "--channel", paramLabel = "N|-1",
            description = "Channel to receive alarms of, -1 for all (default: the URL's channel, else all).")
    Integer channel;

    @Option(names = "--count", paramLabel = "N", description = "Exit after N alarms (default: run until interrupted).")
    Long count;

    @Mixin
    TimeoutOption timeout;

    @Override
    public Integer call() throws InterruptedException {
        CameraUrl cameraUrl = CameraFailures.parseUrl(url);
        Duration timeout = this.timeout.timeout();
        int alarmChannel = channel != null ? channel : cameraUrl.channel().orElse(-1);
        if (alarmChannel < -1) {
            throw new CommandFailure("--channel must be a channel number or -1: " + alarmChannel, 2);
        }
        if (count != null && count < 1) {
            throw new CommandFailure("--count must be at least 1: " + count, 2);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch enough = new CountDownLatch(1);
        CompletableFuture<StateChange> failed = new CompletableFuture<>();
        // Alarms only: no media is set up, the alarm connection does not need an RTSP session.
        CameraOptions options = CameraOptions.builder(cameraUrl)
                .video(false)
                .audio(false)
                .alarmChannel(alarmChannel)
                .connectTimeout(timeout)
                .responseTimeout(timeout)
                .build();
        GsCamClient client = GsCamClient.builder().ioThreads(1).build();
        CameraSession session = client.open(options, new CameraListener() {
            private long printed;
            private boolean lost;

            @Override
            public void onAlarm(AlarmEvent alarm) {
                if (count != null && printed >= count) {
                    return;
                }
                synchronized (out) {
                    out.println(toJson(alarm));
                    out.flush();
                }
                if (count != null && ++printed >= count) {
                    enough.countDown();
                }
            }

            @Override
            public void onStateChange(StateChange change) {
                switch (change.state()) {
                    case RECONNECTING -> {
                        lost = true;
                        err.println("gscam events: camera lost: " + CameraFailures.redact(change.reason())
                                + "; reconnecting (attempt " + change.attempt() + ")");
                        err.flush();
                    }
                    case PLAYING -> {
                        if (lost) {
                            lost = false;
                            err.println("gscam events: subscribed again");
                            err.flush();
                        }
                    }
                    case FAILED -> {
                        failed.complete(change);
                        enough.countDown();
                    }
                    default -> {
                    }
                }
            }
        });
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                session.close();
                client.close();
            }
        };
        Thread hook = new Thread(stop, "gscam-events-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            enough.await();
        } finally {
            stop.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the session
            }
        }
        if (failed.isDone()) {
            StateChange change = failed.getNow(null);
            throw CameraFailures.of(change.error().orElse(
                    new CameraException(CameraException.Kind.CONNECTION_LOST, change.reason())), cameraUrl);
        }
        return 0;
    }

    static String toJson(AlarmEvent alarm) {
        return new JsonObject()
                .add("channel", alarm.channel())
                .add("source", alarm.source())
                .add("time", alarm.time().toString())
                .add("raw", alarm.rawText())
                .toString();
    }
}
