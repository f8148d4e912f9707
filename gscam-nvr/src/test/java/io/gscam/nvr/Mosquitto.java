package io.gscam.nvr;

import io.gscam.testkit.Await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto as the NVR's broker in tests, on 127.0.0.1 and a free port, from a generated
 * config. {@link #stop()} and {@link #start()} again keep the port (a broker restart).
 */
final class Mosquitto implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Path dir;
    private final int port;
    private final boolean persistence;
    private String listener = "allow_anonymous true\n";
    private Process process;

    /** True when the broker is installed; tests skip with {@link #MISSING} otherwise. */
    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    static final String MISSING = "mosquitto is not installed (/usr/sbin/mosquitto; Debian package mosquitto, .ci/run installs it)";

    /**
     * @param persistence keep sessions across {@link #stop()}/{@link #start()} (a subscriber with a
     *                    persistent session then misses nothing while a publisher reconnects first)
     */
    Mosquitto(Path dir, boolean persistence) throws IOException {
        this.dir = dir;
        this.persistence = persistence;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
    }

    /** Replaces {@code allow_anonymous true} with {@code lines} (TLS files, a password file). */
    Mosquitto withListenerConfig(String lines) {
        this.listener = lines;
        return this;
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    synchronized Mosquitto start() throws Exception {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\n" + listener
                + (persistence ? "persistence true\npersistence_location " + dir + "/\nautosave_interval 0\n" : "persistence false\n")
                // run as root, mosquitto switches to user mosquitto, who cannot write the test's directory
                + "user " + System.getProperty("user.name") + "\nlog_dest stdout\n");
        process = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        Await.result(Duration.ofSeconds(10), "mosquitto listening on " + port, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    /** SIGTERM (the broker saves its sessions when persistent) and wait for the exit. */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
