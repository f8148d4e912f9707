package io.gscam.media.container;

import io.gscam.media.h264.AccessUnitSplitter;
import io.gscam.protocol.ParseException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Reads a raw H.264 Annex-B stream (a .h264 file) as access units, as it goes.
 *
 * <p>The stream is split by {@link AccessUnitSplitter} (access unit boundaries per ITU-T H.264
 * 7.4.1.2.3); access unit delimiters and filler data are kept as the file has them. A unit is a
 * keyframe when it holds an IDR slice. Raw H.264 has no timestamps, so they come from the frame
 * rate the caller gives (frame-rate parsing from the SPS VUI is not done here).
 */
public final class AnnexBFileReader implements Closeable {
    private static final int MAX_ACCESS_UNIT_BYTES = 16 << 20;
    /** The first read asks for this much; each read that fills the chunk doubles it, up to {@link #MAX_CHUNK}. */
    private static final int FIRST_CHUNK = 4 << 10;
    private static final int MAX_CHUNK = 64 << 10;

    private final InputStream in;
    private final double frameRate;
    private final AccessUnitSplitter splitter =
            new AccessUnitSplitter(AccessUnitSplitter.Delimiters.KEEP, MAX_ACCESS_UNIT_BYTES);
    private byte[] chunk = new byte[FIRST_CHUNK];
    private final ArrayDeque<AccessUnitSplitter.AccessUnit> ready = new ArrayDeque<>();
    private long bytesRead;
    private boolean eof;
    private long index;

    /**
     * @param in        the Annex-B bytes; closed by {@link #close}
     * @param frameRate frames per second, for the timestamps
     */
    public AnnexBFileReader(InputStream in, double frameRate) {
        this.in = Objects.requireNonNull(in, "in");
        if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
        this.frameRate = frameRate;
    }

    public static AnnexBFileReader open(Path file, double frameRate) throws IOException {
        return new AnnexBFileReader(Files.newInputStream(file), frameRate);
    }

    /**
     * The next access unit, or null at the end of the stream.
     *
     * @throws ParseException when the stream has no start code, or an access unit over 16 MiB
     */
    public AccessUnit next() throws IOException, ParseException {
        while (ready.isEmpty() && !eof) {
            int n = in.read(chunk);
            if (n < 0) {
                eof = true;
                ready.addAll(splitter.finish());
                // A stream of up to 2 bytes may be the cut-off start of one; longer, it is not Annex-B.
                if (!splitter.startCodeSeen() && bytesRead > 2) {
                    throw new ParseException("no Annex-B start code in the stream", 0);
                }
            } else {
                bytesRead += n;
                ready.addAll(splitter.push(chunk, 0, n));
                if (n == chunk.length && chunk.length < MAX_CHUNK) {
                    chunk = new byte[chunk.length * 2]; // a file: read in large chunks; a 20-byte one: in a small one
                }
            }
        }
        AccessUnitSplitter.AccessUnit unit = ready.poll();
        if (unit == null) {
            return null;
        }
        long i = index++;
        long time = Math.round(i * 90_000.0 / frameRate);
        return new AccessUnit(i, time, unit.data(), unit.keyframe());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
