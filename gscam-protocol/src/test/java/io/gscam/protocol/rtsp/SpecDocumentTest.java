package io.gscam.protocol.rtsp;

import io.gscam.protocol.SpecDocument;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixtures of {@link SpecMessages} are the document's own messages: read straight out of its text,
 * undoing only the PDF's artefacts that {@code SpecMessages} lists, they come out byte for byte.
 */
class SpecDocumentTest {

    /**
     * Every RTSP message of the document in order. In its text each line is followed by an empty line
     * and ends in a space; a line of one space ends a message's headers (and, after an SDP, its body);
     * the Authorization header is wrapped before {@code uri=}; two lines at page breaks start with a space.
     */
    static List<String> rtspMessagesOf(String document) {
        String[] lines = document.split("\n", -1);
        List<String> messages = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            if (!isStartLine(lines[i])) {
                i++;
                continue;
            }
            StringBuilder message = new StringBuilder();
            List<String> head = new ArrayList<>();
            i = readBlock(lines, i, head);
            joinLines(message, head);
            message.append("\r\n");
            if (head.stream().anyMatch(h -> h.regionMatches(true, 0, "Content-length:", 0, 15))) {
                List<String> body = new ArrayList<>();
                i = readBlock(lines, i + 1, body);
                joinLines(message, body);
            }
            messages.add(message.toString());
        }
        return messages;
    }

    private static boolean isStartLine(String line) {
        return line.matches("(DESCRIBE|SETUP|PLAY|TEARDOWN|OPTIONS) rtsp://\\S+ RTSP/1\\.0 ?") || line.startsWith("RTSP/1.0 ");
    }

    /** The lines from {@code from} up to the line of blanks that ends the block; returns its index. */
    private static int readBlock(String[] lines, int from, List<String> out) {
        int i = from;
        while (i < lines.length && (lines[i].isEmpty() || !lines[i].isBlank())) {
            String line = lines[i].strip();
            if (line.startsWith("uri=") && !out.isEmpty()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + line);
            } else if (!line.isEmpty()) {
                out.add(line);
            }
            i++;
        }
        return i;
    }

    private static void joinLines(StringBuilder to, List<String> lines) {
        for (String line : lines) {
            to.append(line).append("\r\n");
        }
    }

    @Test
    void rtspMessagesOfTheDocument_areTheFixturesByteForByte() {
        assertThat(rtspMessagesOf(SpecDocument.text())).containsExactly(
                SpecMessages.DESCRIBE, SpecMessages.UNAUTHORIZED,
                SpecMessages.DESCRIBE_WITH_AUTHORIZATION, SpecMessages.DESCRIBE_OK,
                SpecMessages.SETUP_VIDEO, SpecMessages.SETUP_VIDEO_OK,
                SpecMessages.SETUP_AUDIO, SpecMessages.SETUP_AUDIO_OK,
                SpecMessages.PLAY, SpecMessages.PLAY_OK);
    }

    @Test
    void rtspMessagesOfTheDocument_eachParsesAndWritesBack() throws Exception {
        List<String> messages = rtspMessagesOf(SpecDocument.text());
        assertThat(messages).hasSize(10);
        for (String m : messages) {
            assertThat(new String(RtspMessages.parse(SpecMessages.bytes(m)).toBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(m);
        }
    }
}
