package io.gscam.protocol.mctp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.mctp.MctpMessage.Direction;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * An incremental push parser for MCTP: bytes in as they arrive, whole messages out. A message ends
 * at its {@code END} line. Tolerant of what cheap firmware sends (DESIGN.md): {@code CMD: ALIVE} as
 * well as {@code CMD:ALIVE}, {@code \n} or {@code \r\n}, a trailing {@code @} on body lines,
 * trailing spaces, and blank lines between messages and between lines (the spec's own text has them).
 * Bounded: a line longer than {@value #MAX_LINE_LENGTH} bytes or a message of more than
 * {@value #MAX_BODY_LINES} body lines is a {@link ParseException}, never a growing buffer.
 * After a ParseException the decoder stays failed: the connection is no longer in step.
 * Not thread safe: one decoder per connection.
 */
public final class MctpDecoder {
    public static final int MAX_LINE_LENGTH = 1024;
    public static final int MAX_BODY_LINES = 16;

    private enum State {
        /** Before a {@code CMD:} line, skipping blank lines. */
        AWAIT_COMMAND,
        /** After the command line, collecting body lines until {@code END}. */
        BODY,
        FAILED
    }

    private State state = State.AWAIT_COMMAND;
    private final byte[] line = new byte[MAX_LINE_LENGTH + 1]; // + a trailing \r
    private int lineLength;
    private long offset;
    private long lineStart;

    private String command;
    private String version;
    private Direction direction;
    private final List<List<String>> body = new ArrayList<>();

    /** Pushes {@code length} bytes; returns the messages they completed, in order. */
    public List<MctpMessage> feed(byte[] data, int from, int length) throws ParseException {
        return feed(ByteBuffer.wrap(data, from, length));
    }

    /**
     * Pushes the buffer's remaining bytes, consuming them all. When they hold an error, the messages
     * completed before it are lost to the caller: use {@link #decode} where they matter (an alarm).
     */
    public List<MctpMessage> feed(ByteBuffer data) throws ParseException {
        List<MctpMessage> out = new ArrayList<>(1);
        decode(data, out::add);
        return out;
    }

    /**
     * Pushes the buffer's remaining bytes and passes each message to {@code out} as it completes, so
     * the messages before a parse error in the same bytes have been passed on when the error is raised
     * (an alarm followed by garbage in one read is still an alarm).
     */
    public void decode(ByteBuffer data, Consumer<? super MctpMessage> out) throws ParseException {
        if (state == State.FAILED) {
            throw new ParseException("MCTP decoder already failed", offset);
        }
        try {
            while (data.hasRemaining()) {
                byte b = data.get();
                offset++;
                if (b == '\n') {
                    MctpMessage m = onLine();
                    lineLength = 0;
                    lineStart = offset;
                    if (m != null) {
                        out.accept(m);
                    }
                } else {
                    if (lineLength == line.length) {
                        throw new ParseException("MCTP line longer than " + MAX_LINE_LENGTH + " bytes", lineStart);
                    }
                    line[lineLength++] = b;
                }
            }
        } catch (ParseException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /** Declares the end of input: a message cut short is an error. */
    public void finish() throws ParseException {
        if (state == State.BODY || (state == State.AWAIT_COMMAND && !isBlank(lineText()))) {
            state = State.FAILED;
            throw new ParseException("input ended inside an MCTP message", offset);
        }
    }

    /** Whether the decoder holds part of a message. */
    public boolean inMessage() {
        return state == State.BODY || lineLength > 0;
    }

    private MctpMessage onLine() throws ParseException {
        String text = lineText().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (state == State.AWAIT_COMMAND) {
            readCommandLine(text);
            state = State.BODY;
            return null;
        }
        if (text.equalsIgnoreCase("END")) {
            MctpMessage m = new MctpMessage(command, version, direction, List.copyOf(body));
            body.clear();
            state = State.AWAIT_COMMAND;
            return m;
        }
        if (body.size() == MAX_BODY_LINES) {
            throw new ParseException("MCTP message with more than " + MAX_BODY_LINES + " body lines", lineStart);
        }
        body.add(readBodyLine(text));
        return null;
    }

    /** {@code CMD:<command> <version> <direction>}, with any spaces after the colon. */
    private void readCommandLine(String text) throws ParseException {
        if (!text.regionMatches(true, 0, "CMD:", 0, 4)) {
            throw new ParseException("MCTP message must start with CMD:, got '" + abbreviate(text) + "'", lineStart);
        }
        String[] words = text.substring(4).strip().split("[ \t]+");
        if (words.length != 3 || words[0].isEmpty()) {
            throw new ParseException("MCTP command line needs command, version and direction: '" + abbreviate(text) + "'", lineStart);
        }
        if (!words[1].toUpperCase(Locale.ROOT).startsWith("MCTP/")) {
            throw new ParseException("MCTP version '" + abbreviate(words[1]) + "' does not start with MCTP/", lineStart);
        }
        try {
            direction = Direction.valueOf(words[2].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParseException("MCTP direction '" + abbreviate(words[2]) + "' is neither CS nor SC", lineStart);
        }
        if (words[0].equalsIgnoreCase("END")) {
            throw new ParseException("END is not a command", lineStart);
        }
        command = words[0];
        version = words[1];
    }

    /** {@code @a@b@c}, with an optional trailing {@code @}. */
    private List<String> readBodyLine(String text) throws ParseException {
        if (text.charAt(0) != '@') {
            throw new ParseException("MCTP body line must start with @, got '" + abbreviate(text) + "'", lineStart);
        }
        String fields = text.endsWith("@") && text.length() > 1 ? text.substring(1, text.length() - 1) : text.substring(1);
        List<String> out = new ArrayList<>();
        for (String f : fields.split("@", -1)) {
            if (f.isEmpty() || !isField(f)) {
                throw new ParseException("MCTP body field '" + abbreviate(f) + "' is empty or not printable ASCII", lineStart);
            }
            out.add(f);
        }
        return out;
    }

    private static boolean isField(String f) {
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private String lineText() throws ParseException {
        for (int i = 0; i < lineLength; i++) {
            int c = line[i] & 0xFF;
            boolean whitespace = c == '\t' || c == '\r' && i == lineLength - 1;
            if ((c < 0x20 && !whitespace) || c >= 0x7F) {
                throw new ParseException("MCTP line holds a byte 0x" + Integer.toHexString(c) + " that is not printable ASCII", lineStart + i);
            }
        }
        return new String(line, 0, lineLength, StandardCharsets.US_ASCII);
    }

    private static boolean isBlank(String s) {
        return s.strip().isEmpty();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /**
     * Whether the first bytes of a connection are MCTP rather than RTSP: they start (after blank
     * lines) with {@code CMD} in any case, or their first line names {@code MCTP/}. Three bytes
     * suffice: no RTSP method starts with {@code CMD}, and an interleaved frame starts with {@code $}.
     * DESIGN.md: Grandstream's firmware decides this way on its RTSP port.
     */
    public static boolean looksLikeMctp(byte[] firstBytes) {
        int i = 0;
        while (i < firstBytes.length && (firstBytes[i] == '\r' || firstBytes[i] == '\n' || firstBytes[i] == ' ')) {
            i++;
        }
        if (firstBytes.length - i >= 3 && (firstBytes[i] | 0x20) == 'c' && (firstBytes[i + 1] | 0x20) == 'm'
                && (firstBytes[i + 2] | 0x20) == 'd') {
            return true;
        }
        int end = i;
        while (end < firstBytes.length && firstBytes[end] != '\n') {
            end++;
        }
        String firstLine = new String(firstBytes, i, end - i, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        return firstLine.contains("MCTP/");
    }
}
