package io.gscam.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a stream decoder yielded from some bytes: the items in order, and the offset of the
 * ParseException that stopped it (null when none). The fuzz targets of the stream decoders feed the
 * same bytes whole and in chunks and compare the two.
 */
public record Decoded<T>(List<T> items, Long failureOffset) {

    /** A stream decoder's {@code decode(ByteBuffer, Consumer)}. */
    @FunctionalInterface
    public interface Decoder<T> {
        void decode(ByteBuffer in, Consumer<T> out) throws ParseException;
    }

    /** The bytes in one call. */
    public static <T> Decoded<T> whole(Decoder<T> decoder, byte[] bytes) {
        return inChunks(decoder, bytes, Integer.MAX_VALUE);
    }

    /** The bytes in calls of {@code chunk} bytes each (the last one shorter), up to the first ParseException. */
    public static <T> Decoded<T> inChunks(Decoder<T> decoder, byte[] bytes, int chunk) {
        List<T> items = new ArrayList<>();
        int pos = 0;
        try {
            do {
                int n = Math.min(chunk, bytes.length - pos);
                decoder.decode(ByteBuffer.wrap(bytes, pos, n), items::add);
                pos += n;
            } while (pos < bytes.length);
        } catch (ParseException e) {
            return new Decoded<>(items, e.offset());
        }
        return new Decoded<>(items, null);
    }
}
