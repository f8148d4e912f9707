package io.gscam.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The peer scripts this kit carries (gst-rtsp-play.py, gst-rtsp-server.py) as files a process can
 * run: in a full build the kit is a jar on the test class path, so a resource is no file until copied out.
 */
public final class Scripts {
    private Scripts() {
    }

    /** A temporary copy of the class-path resource {@code name} (e.g. {@code "/gst-rtsp-play.py"}), deleted at exit. */
    public static Path file(String name) {
        try (InputStream in = Scripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name + " in gscam-testkit");
            }
            String base = name.substring(name.lastIndexOf('/') + 1);
            Path file = Files.createTempFile("gscam-" + base.replace('.', '-'), base.substring(base.lastIndexOf('.')));
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + name + " out of gscam-testkit", e);
        }
    }
}
