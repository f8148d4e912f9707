package io.gscam.camera.source;

import io.gscam.protocol.ParseException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** The kinds of media file a looping file source plays, and how a file is told apart. */
enum MediaFileType {
    /** Raw H.264: an Annex-B byte stream. */
    ANNEX_B,
    /** An ISO BMFF / QuickTime file: MP4, MOV. */
    MP4;

    private static final Set<String> ANNEX_B_EXTENSIONS = Set.of("h264", "264", "avc", "h26l");
    private static final Set<String> MP4_EXTENSIONS = Set.of("mp4", "mov", "m4v", "qt", "3gp");
    private static final Set<String> MP4_TOP_BOXES = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide", "pnot");

    /**
     * By content where it is unmistakable (an MP4 box, a start code), else by extension: people name
     * raw H.264 files many ways, and a damaged MP4 should be reported by the MP4 reader.
     *
     * @throws ParseException when neither content nor extension says what it is
     */
    static MediaFileType probe(Path file) throws IOException, ParseException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(12);
        }
        String ext = extension(file);
        if (head.length >= 8 && MP4_TOP_BOXES.contains(new String(head, 4, 4, StandardCharsets.ISO_8859_1))) {
            return MP4;
        }
        if (MP4_EXTENSIONS.contains(ext)) {
            return MP4; // Mp4Reader says what is wrong with it
        }
        boolean startCode = head.length >= 4 && head[0] == 0 && head[1] == 0
                && (head[2] == 1 || (head[2] == 0 && head[3] == 1));
        if (startCode || ANNEX_B_EXTENSIONS.contains(ext)) {
            return ANNEX_B;
        }
        throw new ParseException("not a media file gscam can play (raw H.264 .h264/.264, or .mp4/.mov with H.264)", 0);
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
