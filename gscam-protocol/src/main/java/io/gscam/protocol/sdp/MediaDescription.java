package io.gscam.protocol.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A media section of a session description (RFC 4566 section 5.14): the {@code m=} line and the
 * lines after it up to the next {@code m=}, kept in order (unknown types included). Immutable; read
 * with {@link SessionDescription#parse(String)} or build with {@link #builder(String, int, String)}.
 */
public final class MediaDescription implements SdpSection {
    private final String media;
    private final int port;
    private final int portCount;
    private final String proto;
    private final List<String> formats;
    private final List<SdpLine> lines;

    /**
     * @param portCount the {@code /<number of ports>} after the port, or 0 when absent
     * @param formats   the format list: payload type numbers for RTP, any token otherwise
     * @param lines     the lines after {@code m=}; none may be another {@code m=}
     */
    public MediaDescription(String media, int port, int portCount, String proto, List<String> formats, List<SdpLine> lines) {
        this.media = requireToken(media, "media");
        this.proto = requireToken(proto, "proto");
        if (port < 0 || port > 0xFFFF || portCount < 0) {
            throw new IllegalArgumentException("bad port " + port + "/" + portCount);
        }
        this.port = port;
        this.portCount = portCount;
        this.formats = List.copyOf(formats);
        this.formats.forEach(f -> requireToken(f, "format"));
        this.lines = List.copyOf(lines);
        if (this.lines.stream().anyMatch(l -> l.type() == 'm')) {
            throw new IllegalArgumentException("an m= line starts a new media section");
        }
    }

    private static String requireToken(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty() || s.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException(what + " must be a non-empty token without spaces: '" + s + "'");
        }
        return s;
    }

    public static Builder builder(String media, int port, String proto) {
        return new Builder(media, port, proto);
    }

    /** {@code video}, {@code audio}, {@code application}, ... as written. */
    public String media() {
        return media;
    }

    /** The port; 0 in an RTSP DESCRIBE answer, where SETUP negotiates transport. */
    public int port() {
        return port;
    }

    /** The number of ports after a slash ({@code 49170/2}), or 0 when not given. */
    public int portCount() {
        return portCount;
    }

    /** The transport protocol, such as {@code RTP/AVP}. */
    public String proto() {
        return proto;
    }

    /** The format list of the {@code m=} line, as written. */
    public List<String> formats() {
        return formats;
    }

    /** The formats that are RTP payload type numbers (0..127), in order; others are skipped. */
    public List<Integer> payloadTypes() {
        List<Integer> out = new ArrayList<>();
        for (String f : formats) {
            if (f.length() <= 3 && f.chars().allMatch(c -> c >= '0' && c <= '9') && Integer.parseInt(f) <= 127) {
                out.add(Integer.parseInt(f));
            }
        }
        return List.copyOf(out);
    }

    /** The lines after the {@code m=} line, in order. */
    @Override
    public List<SdpLine> lines() {
        return lines;
    }

    /** The explicit {@code a=rtpmap} for a payload type. */
    public Optional<RtpMap> rtpmap(int payloadType) {
        return SdpLines.rtpmap(lines, payloadType);
    }

    /** The explicit rtpmap for a payload type, else its RFC 3551 static mapping ({@code 0} is PCMU/8000). */
    public Optional<RtpMap> rtpMapFor(int payloadType) {
        Optional<RtpMap> explicit = rtpmap(payloadType);
        return explicit.isPresent() ? explicit : StaticPayloadTypes.lookup(payloadType);
    }

    /**
     * The {@code a=fmtp} parameters of a payload type, lower-cased names in the order written (see
     * {@link FormatParameters}); empty when there is none.
     */
    public Map<String, String> fmtp(int payloadType) {
        return SdpLines.formatAttribute(lines, "fmtp", payloadType).map(FormatParameters::parse).orElse(Map.of());
    }

    /** {@code a=ptime} in milliseconds (RFC 4566 section 6), when it is a whole number. */
    public OptionalInt ptime() {
        return SdpLines.integral(attribute("ptime"));
    }

    /** {@code a=framerate} in frames per second. */
    public OptionalDouble framerate() {
        return SdpLines.decimal(attribute("framerate"));
    }

    /** The value of the {@code m=} line. */
    public String mediaLine() {
        StringBuilder b = new StringBuilder().append(media).append(' ').append(port);
        if (portCount > 0) {
            b.append('/').append(portCount);
        }
        b.append(' ').append(proto);
        formats.forEach(f -> b.append(' ').append(f));
        return b.toString();
    }

    void appendTo(StringBuilder out) {
        out.append("m=").append(mediaLine()).append("\r\n");
        SdpLines.appendTo(out, lines);
    }

    /** The section as SDP text, every line ended by CRLF. */
    public String format() {
        StringBuilder b = new StringBuilder();
        appendTo(b);
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription m && port == m.port && portCount == m.portCount && media.equals(m.media)
                && proto.equals(m.proto) && formats.equals(m.formats) && lines.equals(m.lines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(media, port, portCount, proto, formats, lines);
    }

    @Override
    public String toString() {
        return format();
    }

    /**
     * Builds a media section with its lines in RFC 4566 order ({@code i c b k a}), attributes in the
     * order added. {@link #rtpmap(RtpMap)} and {@link #fmtp(int, Map)} add the payload type to the
     * format list when it is not there yet.
     */
    public static final class Builder extends SdpSectionBuilder<Builder> {
        private final String media;
        private final int port;
        private final String proto;
        private int portCount;
        private final List<String> formats = new ArrayList<>();
        private String information;
        private final List<SdpLine> connections = new ArrayList<>();
        private final List<SdpLine> bandwidths = new ArrayList<>();
        private String key;

        private Builder(String media, int port, String proto) {
            this.media = media;
            this.port = port;
            this.proto = proto;
        }

        public Builder portCount(int portCount) {
            this.portCount = portCount;
            return this;
        }

        /** Adds a payload type to the format list (once). */
        public Builder format(int payloadType) {
            return format(Integer.toString(payloadType));
        }

        /** Adds a format token to the format list (once). */
        public Builder format(String format) {
            if (!formats.contains(format)) {
                formats.add(format);
            }
            return this;
        }

        public Builder information(String information) {
            this.information = information;
            return this;
        }

        public Builder connection(ConnectionData connection) {
            connections.add(new SdpLine('c', connection.format()));
            return this;
        }

        public Builder bandwidth(Bandwidth bandwidth) {
            bandwidths.add(new SdpLine('b', bandwidth.format()));
            return this;
        }

        public Builder encryptionKey(String key) {
            this.key = key;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder rtpmap(RtpMap rtpmap) {
            format(rtpmap.payloadType());
            return attribute("rtpmap", rtpmap.format());
        }

        /** {@code a=fmtp:<pt> k=v; k=v} with the pairs in map order. */
        public Builder fmtp(int payloadType, Map<String, String> parameters) {
            return fmtp(payloadType, FormatParameters.format(parameters));
        }

        /** {@code a=fmtp:<pt> <parameters>} written as given. */
        public Builder fmtp(int payloadType, String parameters) {
            format(payloadType);
            return attribute("fmtp", payloadType + " " + parameters);
        }

        public Builder ptime(int milliseconds) {
            return attribute("ptime", Integer.toString(milliseconds));
        }

        public Builder framerate(double framesPerSecond) {
            return attribute("framerate", SdpLines.decimalText(framesPerSecond));
        }

        public MediaDescription build() {
            List<SdpLine> lines = new ArrayList<>();
            if (information != null) {
                lines.add(new SdpLine('i', information));
            }
            lines.addAll(connections);
            lines.addAll(bandwidths);
            if (key != null) {
                lines.add(new SdpLine('k', key));
            }
            lines.addAll(attributes);
            return new MediaDescription(media, port, portCount, proto, formats, lines);
        }
    }
}
