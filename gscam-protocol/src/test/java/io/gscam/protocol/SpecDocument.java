package io.gscam.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Grandstream protocol document ("RTSP Protocol between DVS/IP camera and client application"),
 * as text copied from its PDF, kept with the tests so that fixtures can be checked against it in any
 * clone, not only beside the shared folder it came from.
 */
public final class SpecDocument {
    private static final String RESOURCE = "grandstream-rtsp-protocol.txt";

    private SpecDocument() {
    }

    public static String text() {
        try (InputStream in = SpecDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
