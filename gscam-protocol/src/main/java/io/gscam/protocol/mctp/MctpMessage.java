package io.gscam.protocol.mctp;

import io.gscam.protocol.ParseException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One message of the Grandstream heartbeat and alarm protocol (the spec's "RTCP Protocol", MCTP on
 * the wire): a command line, {@code @}-separated body lines, and an {@code END} line.
 * <pre>
 * CMD:ALIVE MCTP/1.0 CS
 * &#64;09682642&#64;0
 * END
 * </pre>
 * The command is kept as sent, so a command gscam does not know is parsed and passed on, not
 * rejected. The typed views ({@link #registration()}, {@link #registrationReply()}, {@link #alarm()})
 * check the body on demand. {@link #toBytes()} writes the canonical form: no space after
 * {@code CMD:}, {@code \n} line ends, no trailing {@code @}.
 *
 * @param command   ALIVE, ALARM, or whatever the peer sent
 * @param version   {@code MCTP/1.0}
 * @param direction who sent it
 * @param body      body lines, each the fields between its {@code @}s; non-empty printable ASCII fields
 *                  without {@code @} or spaces
 */
public record MctpMessage(String command, String version, Direction direction, List<List<String>> body) {
    public static final String ALIVE = "ALIVE";
    public static final String ALARM = "ALARM";
    public static final String VERSION = "MCTP/1.0";
    /** The session id that turns a registration into an alarm subscription. */
    public static final String ALARM_SESSION_ID = "FFFFFFFF";

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");
    private static final Pattern FIELD = Pattern.compile("[\\x21-\\x3F\\x41-\\x7E]+"); // printable, no space or @
    private static final Pattern SESSION_ID = Pattern.compile("[0-9A-Za-z]{8}");
    private static final Pattern CHANNEL = Pattern.compile("-1|0|[1-9][0-9]{0,8}");
    private static final DateTimeFormatter ALARM_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** Who sent a message: CS from the client application to the camera, SC back. */
    public enum Direction {
        CS, SC
    }

    public MctpMessage {
        Objects.requireNonNull(direction, "direction");
        requireToken(command, "command");
        requireToken(version, "version");
        if (!version.regionMatches(true, 0, "MCTP/", 0, 5)) {
            throw new IllegalArgumentException("version '" + version + "' does not start with MCTP/");
        }
        body = body.stream().map(List::copyOf).toList();
        for (List<String> line : body) {
            if (line.isEmpty()) {
                throw new IllegalArgumentException("a body line has at least one field");
            }
            for (String field : line) {
                if (!FIELD.matcher(field).matches()) {
                    throw new IllegalArgumentException("body field '" + field + "' is empty or holds a space, @ or non-ASCII");
                }
            }
        }
    }

    private static void requireToken(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!TOKEN.matcher(value).matches() || value.equalsIgnoreCase("END")) {
            throw new IllegalArgumentException(name + " '" + value + "' is not one printable ASCII word");
        }
    }

    /** Client to camera: {@code @<session>@<channel>}; session {@value #ALARM_SESSION_ID} subscribes to alarms. */
    public static MctpMessage register(String sessionId, int channel) {
        Registration r = new Registration(sessionId, channel);
        return new MctpMessage(ALIVE, VERSION, Direction.CS, List.of(List.of(r.sessionId(), Integer.toString(channel))));
    }

    /** Camera to client: {@code @<session>@<channel>@<1|0>}. */
    public static MctpMessage registerReply(String sessionId, int channel, boolean ok) {
        RegistrationReply r = new RegistrationReply(sessionId, channel, ok);
        return new MctpMessage(ALIVE, VERSION, Direction.SC,
                List.of(List.of(r.sessionId(), Integer.toString(channel), ok ? "1" : "0")));
    }

    public static MctpMessage keepAliveRequest() {
        return new MctpMessage(ALIVE, VERSION, Direction.CS, List.of());
    }

    public static MctpMessage keepAliveReply() {
        return new MctpMessage(ALIVE, VERSION, Direction.SC, List.of());
    }

    /** The alarm of DESIGN.md: {@code @<channel>@<source>@<UTC time>}, time to the second. */
    public static MctpMessage alarm(int channel, String source, Instant time) {
        Alarm a = new Alarm(channel, source, time);
        return new MctpMessage(ALARM, VERSION, Direction.SC,
                List.of(List.of(Integer.toString(channel), a.source(), ALARM_TIME.format(a.time()))));
    }

    public boolean isAlive() {
        return command.equalsIgnoreCase(ALIVE);
    }

    public boolean isAlarm() {
        return command.equalsIgnoreCase(ALARM);
    }

    /** An ALIVE without body: the keep-alive sent every few seconds, in either direction. */
    public boolean isKeepAlive() {
        return isAlive() && body.isEmpty();
    }

    /** The body of a heartbeat or alarm registration, {@code @<session>@<channel>}. */
    public Registration registration() throws ParseException {
        List<String> f = singleLine(ALIVE, 2);
        return new Registration(sessionId(f.get(0)), channel(f.get(1)));
    }

    /** The body of the camera's answer to a registration, {@code @<session>@<channel>@<1|0>}. */
    public RegistrationReply registrationReply() throws ParseException {
        List<String> f = singleLine(ALIVE, 3);
        boolean ok = switch (f.get(2)) {
            case "1" -> true;
            case "0" -> false;
            default -> throw new ParseException("registration result '" + f.get(2) + "' is neither 1 nor 0", 0);
        };
        return new RegistrationReply(sessionId(f.get(0)), channel(f.get(1)), ok);
    }

    /** The body of an ALARM, {@code @<channel>@<source>@<yyyy-MM-ddTHH:mm:ssZ>}. */
    public Alarm alarm() throws ParseException {
        List<String> f = singleLine(ALARM, 3);
        Instant time;
        try {
            time = ALARM_TIME.parse(f.get(2), Instant::from);
        } catch (DateTimeParseException e) {
            throw new ParseException("alarm time '" + f.get(2) + "' is not yyyy-MM-ddTHH:mm:ssZ", 0, e);
        }
        return new Alarm(channel(f.get(0)), f.get(1), time);
    }

    private List<String> singleLine(String expectedCommand, int fields) throws ParseException {
        if (!command.equalsIgnoreCase(expectedCommand)) {
            throw new ParseException("a " + command + " message is not " + expectedCommand, 0);
        }
        if (body.size() != 1 || body.get(0).size() != fields) {
            throw new ParseException(expectedCommand + " body must be one line of " + fields + " fields, got " + body, 0);
        }
        return body.get(0);
    }

    private static String sessionId(String field) throws ParseException {
        if (!SESSION_ID.matcher(field).matches()) {
            throw new ParseException("session id '" + field + "' is not 8 letters or digits", 0);
        }
        return field;
    }

    private static int channel(String field) throws ParseException {
        if (!CHANNEL.matcher(field).matches()) {
            throw new ParseException("channel '" + field + "' is not a number >= -1", 0);
        }
        return Integer.parseInt(field);
    }

    /** The canonical text: {@code CMD:<command> <version> <direction>\n}, body lines, {@code END\n}. */
    public String toWireString() {
        StringBuilder sb = new StringBuilder("CMD:").append(command).append(' ').append(version).append(' ')
                .append(direction).append('\n');
        for (List<String> line : body) {
            for (String field : line) {
                sb.append('@').append(field);
            }
            sb.append('\n');
        }
        return sb.append("END\n").toString();
    }

    public byte[] toBytes() {
        return toWireString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Exactly one message, nothing before or after it but blank lines. */
    public static MctpMessage parse(byte[] bytes) throws ParseException {
        MctpDecoder decoder = new MctpDecoder();
        List<MctpMessage> messages = decoder.feed(bytes, 0, bytes.length);
        decoder.finish();
        if (messages.size() != 1) {
            throw new ParseException("expected one MCTP message, found " + messages.size(), bytes.length);
        }
        return messages.get(0);
    }

    public static MctpMessage parse(String text) throws ParseException {
        return parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@code @<session>@<channel>}: a heartbeat for an RTSP session, or an alarm subscription. */
    public record Registration(String sessionId, int channel) {
        public Registration {
            checkSession(sessionId);
            checkChannel(channel);
        }

        /** Session {@value #ALARM_SESSION_ID}: the connection reports alarms rather than vouching for a session. */
        public boolean isAlarmSubscription() {
            return sessionId.equalsIgnoreCase(ALARM_SESSION_ID);
        }

        /** Channel -1: alarms of every channel (the spec's "latest firmware"). */
        public boolean allChannels() {
            return channel == -1;
        }
    }

    /** {@code @<session>@<channel>@<1|0>}. */
    public record RegistrationReply(String sessionId, int channel, boolean ok) {
        public RegistrationReply {
            checkSession(sessionId);
            checkChannel(channel);
        }
    }

    /**
     * An alarm: {@code source} is {@code MOTION} or {@code INPUT<n>} from gscam; other sources are
     * kept as sent. The time is UTC, to the second.
     */
    public record Alarm(int channel, String source, Instant time) {
        private static final Pattern INPUT = Pattern.compile("INPUT([1-9][0-9]?)");
        private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
        private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

        public Alarm {
            if (channel < 0) {
                throw new IllegalArgumentException("alarm channel " + channel + " is negative");
            }
            Objects.requireNonNull(source, "source");
            if (!FIELD.matcher(source).matches()) {
                throw new IllegalArgumentException("alarm source '" + source + "' is not one word without @");
            }
            time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.SECONDS);
            if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
                throw new IllegalArgumentException("alarm time " + time + " has no 4-digit year");
            }
        }

        public boolean isMotion() {
            return source.equals("MOTION");
        }

        /** The alarm input number of an {@code INPUT<n>} source, or 0 for any other source. */
        public int input() {
            var m = INPUT.matcher(source);
            return m.matches() ? Integer.parseInt(m.group(1)) : 0;
        }
    }

    private static void checkSession(String sessionId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw new IllegalArgumentException("session id '" + sessionId + "' is not 8 letters or digits");
        }
    }

    private static void checkChannel(int channel) {
        if (channel < -1) {
            throw new IllegalArgumentException("channel " + channel + " below -1");
        }
    }
}
