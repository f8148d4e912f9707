package io.gscam.protocol.sdp;

import io.gscam.protocol.ParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A session description (RFC 4566): the session-level lines ({@code v o s i u e p c b t r z k a}
 * and any unknown type), kept in the order read, and the media sections. Immutable. Typed accessors
 * read from the lines; {@link #format()} writes them back with CRLF, so a parsed description
 * re-serialises line for line (values trimmed, duplicates dropped as {@link SdpCompliance#LENIENT}
 * says).
 *
 * <p>Two shapes are easy to build: the Grandstream DESCRIBE answer, which is media sections only,
 * <pre>{@code
 * SessionDescription.builder()
 *     .media(MediaDescription.builder("video", 0, "RTP/AVP")
 *         .control("trackID=0")
 *         .rtpmap(new RtpMap(96, "H264", 90000))
 *         .fmtp(96, "packetization-mode=1; sprop-parameter-sets=" + sprop.format())
 *         .build())
 *     .media(MediaDescription.builder("audio", 0, "RTP/AVP")
 *         .format(0).control("trackID=1").rtpmap(new RtpMap(0, "PCMU", 8000)).ptime(20)
 *         .build())
 *     .build();
 * }</pre>
 * and the full header that strict clients expect, by adding
 * {@code .standardHeader(Origin.of("1234", "192.168.86.232"), "GrandStream")
 * .connection(ConnectionData.of("0.0.0.0")).control("*")}.
 */
public final class SessionDescription implements SdpSection {
    private final List<SdpLine> lines;
    private final List<MediaDescription> media;

    /**
     * @param lines session-level lines in order; none may be an {@code m=}
     * @param media the media sections in order
     */
    public SessionDescription(List<SdpLine> lines, List<MediaDescription> media) {
        this.lines = List.copyOf(lines);
        this.media = List.copyOf(media);
        if (this.lines.stream().anyMatch(l -> l.type() == 'm')) {
            throw new IllegalArgumentException("an m= line starts a media section");
        }
    }

    /** Reads a description leniently ({@link SdpCompliance#LENIENT}), as cameras write them. */
    public static SessionDescription parse(String text) throws ParseException {
        return parse(text, SdpCompliance.LENIENT);
    }

    /** Reads a description under the given compliance mode. */
    public static SessionDescription parse(String text, SdpCompliance compliance) throws ParseException {
        return new SdpParser(text, compliance).parse();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Session-level lines, in order. */
    @Override
    public List<SdpLine> lines() {
        return lines;
    }

    /** The media sections, in order. */
    public List<MediaDescription> media() {
        return media;
    }

    /** The media sections of one type ({@code video}, {@code audio}, ...; ignoring case). */
    public List<MediaDescription> media(String type) {
        return media.stream().filter(m -> m.media().equalsIgnoreCase(type)).toList();
    }

    /** {@code v=}, when present and a number. */
    public OptionalInt version() {
        return SdpLines.integral(SdpLines.first(lines, 'v'));
    }

    /** {@code o=}, when present and readable (see {@link Origin#parse(String)}). */
    public Optional<Origin> origin() {
        return SdpLines.first(lines, 'o').flatMap(Origin::parse);
    }

    /** {@code s=}. */
    public Optional<String> sessionName() {
        return SdpLines.first(lines, 's');
    }

    /** {@code u=}. */
    public Optional<String> uri() {
        return SdpLines.first(lines, 'u');
    }

    /** The description as SDP text, every line ended by CRLF. */
    public String format() {
        StringBuilder b = new StringBuilder();
        SdpLines.appendTo(b, lines);
        media.forEach(m -> m.appendTo(b));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s && lines.equals(s.lines) && media.equals(s.media);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lines, media);
    }

    @Override
    public String toString() {
        return format();
    }

    /**
     * Builds a description with its session-level lines in RFC 4566 order
     * ({@code v o s i u c b t a}) whatever order the setters are called in; attributes and media in
     * the order added. Nothing is required: without a header the result is the Grandstream shape.
     */
    public static final class Builder extends SdpSectionBuilder<Builder> {
        private Integer version;
        private Origin origin;
        private String sessionName;
        private String information;
        private String uri;
        private ConnectionData connection;
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private final List<String> timings = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        private Builder() {
        }

        /** {@code v=0}, the origin, the session name and {@code t=0 0}: the lines RFC 4566 requires. */
        public Builder standardHeader(Origin origin, String sessionName) {
            return version(0).origin(origin).sessionName(sessionName).timing(0, 0);
        }

        public Builder version(int version) {
            this.version = version;
            return this;
        }

        public Builder origin(Origin origin) {
            this.origin = origin;
            return this;
        }

        public Builder sessionName(String sessionName) {
            this.sessionName = sessionName;
            return this;
        }

        public Builder information(String information) {
            this.information = information;
            return this;
        }

        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        public Builder connection(ConnectionData connection) {
            this.connection = connection;
            return this;
        }

        public Builder bandwidth(Bandwidth bandwidth) {
            bandwidths.add(bandwidth);
            return this;
        }

        /** Adds a {@code t=<start> <stop>} line; {@code 0 0} is an unbounded session. */
        public Builder timing(long start, long stop) {
            timings.add(start + " " + stop);
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** Session-level {@code a=range}, such as {@code npt=0-}. */
        public Builder range(String range) {
            return attribute("range", range);
        }

        public Builder media(MediaDescription media) {
            this.media.add(Objects.requireNonNull(media, "media"));
            return this;
        }

        public SessionDescription build() {
            List<SdpLine> lines = new ArrayList<>();
            if (version != null) {
                lines.add(new SdpLine('v', version.toString()));
            }
            if (origin != null) {
                lines.add(new SdpLine('o', origin.format()));
            }
            if (sessionName != null) {
                lines.add(new SdpLine('s', sessionName));
            }
            if (information != null) {
                lines.add(new SdpLine('i', information));
            }
            if (uri != null) {
                lines.add(new SdpLine('u', uri));
            }
            if (connection != null) {
                lines.add(new SdpLine('c', connection.format()));
            }
            bandwidths.forEach(b -> lines.add(new SdpLine('b', b.format())));
            timings.forEach(t -> lines.add(new SdpLine('t', t)));
            lines.addAll(attributes);
            return new SessionDescription(lines, media);
        }
    }
}
