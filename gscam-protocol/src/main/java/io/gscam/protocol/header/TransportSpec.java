package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues.Parameter;
import io.gscam.protocol.header.HeaderValues.Segment;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One alternative of a Transport header (RFC 2326 section 12.39), for example
 * {@code RTP/AVP/TCP;unicast;interleaved=0-1} or
 * {@code RTP/AVP;unicast;client_port=5000-5001;server_port=6970-6971;ssrc=3F2A1B0C}.
 *
 * <p>Parsing is lenient where cameras are sloppy: any case, white space around {@code ;}, {@code =}
 * and {@code -}, a single port meaning the pair {@code p-(p+1)}, quoted values, and an empty
 * parameter from a trailing {@code ;}. Parameters this class does not model are kept, in order, as
 * {@link Extension}s and written back. Names are compared case-insensitively; protocol, profile,
 * lower transport and mode are kept in upper case.
 */
public final class TransportSpec {
    /** The lower transport of the {@code RTP/AVP/<lower>} triple. */
    public enum LowerTransport { TCP, UDP }

    /** The {@code unicast} or {@code multicast} flag. */
    public enum Delivery { UNICAST, MULTICAST }

    /** A parameter this class does not model (for example {@code append} or {@code layers=2}), kept verbatim. */
    public record Extension(String name, Optional<String> value) {
        public Extension {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!HeaderValues.isToken(name)) {
                throw new IllegalArgumentException("not a parameter name: " + name);
            }
            if (KNOWN.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(name + " is modelled by TransportSpec, not an extension");
            }
            if (value.isPresent() && !HeaderValues.isQuotable(value.get())) {
                throw new IllegalArgumentException("control character in value of " + name);
            }
        }

        String format() {
            return value.map(v -> name + "=" + bareOrQuoted(v)).orElse(name);
        }
    }

    private static final Set<String> KNOWN = Set.of("unicast", "multicast", "destination", "source",
            "interleaved", "ttl", "port", "client_port", "server_port", "ssrc", "mode");

    private final String protocol;
    private final String profile;
    private final Optional<LowerTransport> declaredLowerTransport;
    private final Optional<Delivery> delivery;
    private final Optional<String> destination;
    private final Optional<String> source;
    private final Optional<ChannelPair> interleaved;
    private final OptionalInt ttl;
    private final Optional<PortRange> port;
    private final Optional<PortRange> clientPort;
    private final Optional<PortRange> serverPort;
    private final OptionalLong ssrc;
    private final Optional<String> mode;
    private final List<Extension> extensions;

    private TransportSpec(Builder b) {
        this.protocol = b.protocol;
        this.profile = b.profile;
        this.declaredLowerTransport = b.lowerTransport;
        this.delivery = b.delivery;
        this.destination = b.destination;
        this.source = b.source;
        this.interleaved = b.interleaved;
        this.ttl = b.ttl;
        this.port = b.port;
        this.clientPort = b.clientPort;
        this.serverPort = b.serverPort;
        this.ssrc = b.ssrc;
        this.mode = b.mode;
        this.extensions = List.copyOf(b.extensions);
    }

    /** {@code RTP/AVP/TCP;unicast;interleaved=rtp-rtcp}: RTP inside the RTSP connection. */
    public static TransportSpec tcpInterleaved(ChannelPair channels) {
        return builder().lowerTransport(LowerTransport.TCP).delivery(Delivery.UNICAST).interleaved(channels).build();
    }

    /** {@code RTP/AVP;unicast;client_port=rtp-rtcp}: what a client asks for UDP unicast. */
    public static TransportSpec udpUnicast(PortRange clientPorts) {
        return builder().delivery(Delivery.UNICAST).clientPort(clientPorts).build();
    }

    /** A builder for {@code RTP/AVP} with nothing else set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding everything this spec holds, to derive a changed copy (a server's answer). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Parses one transport-spec (no commas outside quotes). */
    public static TransportSpec parse(String value) throws ParseException {
        return parse(new Segment(value, 0));
    }

    static TransportSpec parse(Segment value) throws ParseException {
        List<Segment> parts = HeaderValues.split(value, ';');
        Builder b = new Builder();
        parseProtocol(parts.get(0), b);
        for (int i = 1; i < parts.size(); i++) {
            Segment part = parts.get(i);
            if (part.isEmpty()) {
                continue; // "RTP/AVP;unicast;" from a trailing semicolon
            }
            parseParameter(HeaderValues.parameter(part), b);
        }
        return b.build();
    }

    private static void parseProtocol(Segment first, Builder b) throws ParseException {
        List<Segment> triple = HeaderValues.split(first, '/');
        if (triple.size() < 2 || triple.size() > 3) {
            throw first.error("transport must be protocol/profile[/lower-transport]: '"
                    + HeaderValues.abbreviate(first.text()) + "'");
        }
        for (Segment s : triple) {
            if (!HeaderValues.isToken(s.text())) {
                throw s.error("bad transport protocol: '" + HeaderValues.abbreviate(s.text()) + "'");
            }
        }
        b.protocol = triple.get(0).text().toUpperCase(Locale.ROOT);
        b.profile = triple.get(1).text().toUpperCase(Locale.ROOT);
        if (triple.size() == 3) {
            Segment lower = triple.get(2);
            b.lowerTransport = Optional.of(switch (lower.text().toUpperCase(Locale.ROOT)) {
                case "TCP" -> LowerTransport.TCP;
                case "UDP" -> LowerTransport.UDP;
                default -> throw lower.error("lower transport must be TCP or UDP: '"
                        + HeaderValues.abbreviate(lower.text()) + "'");
            });
        }
    }

    private static void parseParameter(Parameter p, Builder b) throws ParseException {
        switch (p.key()) {
            case "unicast" -> b.delivery = Optional.of(Delivery.UNICAST);
            case "multicast" -> b.delivery = Optional.of(Delivery.MULTICAST);
            // A bare "destination"/"source" names no address: nothing to keep.
            case "destination" -> b.destination = p.value().isEmpty() ? b.destination : Optional.of(address(p));
            case "source" -> b.source = p.value().isEmpty() ? b.source : Optional.of(address(p));
            case "interleaved" -> b.interleaved = Optional.of(ChannelPair.parse(requireValue(p)));
            case "ttl" -> b.ttl = OptionalInt.of((int) HeaderValues.parseDecimal(unquoted(p), 255, "ttl"));
            case "port" -> b.port = Optional.of(PortRange.parse(requireValue(p)));
            case "client_port" -> b.clientPort = Optional.of(PortRange.parse(requireValue(p)));
            case "server_port" -> b.serverPort = Optional.of(PortRange.parse(requireValue(p)));
            case "ssrc" -> b.ssrc = OptionalLong.of(parseSsrc(unquoted(p)));
            case "mode" -> b.mode = Optional.of(parseMode(p));
            default -> {
                Optional<String> v = Optional.empty();
                if (p.value().isPresent()) {
                    v = Optional.of(HeaderValues.unquote(p.value().get()));
                }
                if (v.isPresent() && !HeaderValues.isQuotable(v.get())) {
                    throw p.name().error("control character in value of " + p.name().text());
                }
                b.extensions.add(new Extension(p.name().text(), v));
            }
        }
    }

    private static Segment requireValue(Parameter p) throws ParseException {
        return p.value().orElseThrow(() -> p.name().error("parameter '" + p.name().text() + "' needs a value"));
    }

    private static Segment unquoted(Parameter p) throws ParseException {
        Segment v = requireValue(p);
        return new Segment(HeaderValues.unquote(v), v.offset()).trim();
    }

    private static String address(Parameter p) throws ParseException {
        Segment v = unquoted(p);
        if (!HeaderValues.isBareValue(v.text())) {
            throw v.error("bad address in " + p.name().text() + ": '" + HeaderValues.abbreviate(v.text()) + "'");
        }
        return v.text();
    }

    private static String parseMode(Parameter p) throws ParseException {
        Segment v = unquoted(p);
        String mode = v.text().strip().toUpperCase(Locale.ROOT);
        if (mode.isEmpty() || !HeaderValues.isQuotable(mode)) {
            throw v.error("bad mode: '" + HeaderValues.abbreviate(v.text()) + "'");
        }
        return mode;
    }

    /**
     * SSRC is 8 hex digits by the RFC. Some servers drop leading zeros; a few send it in decimal
     * (more than 8 digits, all decimal), which is accepted when it fits 32 bits.
     */
    private static long parseSsrc(Segment v) throws ParseException {
        String s = v.text();
        if (!s.isEmpty() && s.length() <= 8) {
            // Long.parseLong takes a sign ("-F2A1B0C" would be a negative SSRC) and non-ASCII digits.
            if (!s.chars().allMatch(HexFormat::isHexDigit)) {
                throw v.error("bad ssrc: '" + s + "'");
            }
            return Long.parseLong(s, 16);
        }
        if (s.length() > 8) {
            return HeaderValues.parseDecimal(v, 0xFFFF_FFFFL, "ssrc");
        }
        throw v.error("empty ssrc");
    }

    /** Writes the transport-spec; modelled parameters in a fixed order, then extensions in order. */
    public String format() {
        StringBuilder sb = new StringBuilder(64).append(protocol).append('/').append(profile);
        declaredLowerTransport.ifPresent(l -> sb.append('/').append(l.name()));
        delivery.ifPresent(d -> sb.append(';').append(d.name().toLowerCase(Locale.ROOT)));
        destination.ifPresent(d -> sb.append(";destination=").append(d));
        source.ifPresent(s -> sb.append(";source=").append(s));
        interleaved.ifPresent(c -> sb.append(";interleaved=").append(c.format()));
        ttl.ifPresent(t -> sb.append(";ttl=").append(t));
        port.ifPresent(p -> sb.append(";port=").append(p.format()));
        clientPort.ifPresent(p -> sb.append(";client_port=").append(p.format()));
        serverPort.ifPresent(p -> sb.append(";server_port=").append(p.format()));
        ssrc.ifPresent(s -> sb.append(";ssrc=").append(HexFormat.of().withUpperCase().toHexDigits((int) s)));
        mode.ifPresent(m -> sb.append(";mode=").append(bareOrQuoted(m)));
        for (Extension e : extensions) {
            sb.append(';').append(e.format());
        }
        return sb.toString();
    }

    private static String bareOrQuoted(String v) {
        return HeaderValues.isBareValue(v) ? v : HeaderValues.quote(v);
    }

    /** The transport protocol, {@code RTP}. */
    public String protocol() {
        return protocol;
    }

    /** The profile, {@code AVP} for RFC 3551. */
    public String profile() {
        return profile;
    }

    /** The lower transport as written; absent for {@code RTP/AVP}. */
    public Optional<LowerTransport> declaredLowerTransport() {
        return declaredLowerTransport;
    }

    /** The lower transport in effect: UDP unless TCP is written (RFC 2326 default). */
    public LowerTransport lowerTransport() {
        return declaredLowerTransport.orElse(LowerTransport.UDP);
    }

    /** {@code unicast} or {@code multicast} as written; absent when neither is. */
    public Optional<Delivery> delivery() {
        return delivery;
    }

    /** True only when {@code multicast} is written: cameras and clients treat no flag as unicast. */
    public boolean isMulticast() {
        return delivery.orElse(Delivery.UNICAST) == Delivery.MULTICAST;
    }

    public Optional<String> destination() {
        return destination;
    }

    public Optional<String> source() {
        return source;
    }

    public Optional<ChannelPair> interleaved() {
        return interleaved;
    }

    public OptionalInt ttl() {
        return ttl;
    }

    /** The multicast {@code port=} pair. */
    public Optional<PortRange> port() {
        return port;
    }

    public Optional<PortRange> clientPort() {
        return clientPort;
    }

    public Optional<PortRange> serverPort() {
        return serverPort;
    }

    /** The SSRC, 0 to 2^32-1. */
    public OptionalLong ssrc() {
        return ssrc;
    }

    /** The mode in upper case, {@code PLAY} or {@code RECORD}, without quotes. */
    public Optional<String> mode() {
        return mode;
    }

    /** Parameters this class does not model, in the order they came. */
    public List<Extension> extensions() {
        return extensions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportSpec t && t.format().equals(format());
    }

    @Override
    public int hashCode() {
        return format().hashCode();
    }

    @Override
    public String toString() {
        return format();
    }

    /** Builds a {@link TransportSpec}; starts as {@code RTP/AVP} with nothing else set. */
    public static final class Builder {
        private String protocol = "RTP";
        private String profile = "AVP";
        private Optional<LowerTransport> lowerTransport = Optional.empty();
        private Optional<Delivery> delivery = Optional.empty();
        private Optional<String> destination = Optional.empty();
        private Optional<String> source = Optional.empty();
        private Optional<ChannelPair> interleaved = Optional.empty();
        private OptionalInt ttl = OptionalInt.empty();
        private Optional<PortRange> port = Optional.empty();
        private Optional<PortRange> clientPort = Optional.empty();
        private Optional<PortRange> serverPort = Optional.empty();
        private OptionalLong ssrc = OptionalLong.empty();
        private Optional<String> mode = Optional.empty();
        private final List<Extension> extensions = new ArrayList<>();

        private Builder() {
        }

        private Builder(TransportSpec t) {
            protocol = t.protocol;
            profile = t.profile;
            lowerTransport = t.declaredLowerTransport;
            delivery = t.delivery;
            destination = t.destination;
            source = t.source;
            interleaved = t.interleaved;
            ttl = t.ttl;
            port = t.port;
            clientPort = t.clientPort;
            serverPort = t.serverPort;
            ssrc = t.ssrc;
            mode = t.mode;
            extensions.addAll(t.extensions);
        }

        /** Protocol and profile, for example {@code ("RTP", "AVP")}; stored in upper case. */
        public Builder protocol(String protocol, String profile) {
            this.protocol = token(protocol).toUpperCase(Locale.ROOT);
            this.profile = token(profile).toUpperCase(Locale.ROOT);
            return this;
        }

        /** Writes the lower transport explicitly ({@code RTP/AVP/TCP}); null leaves it implicit. */
        public Builder lowerTransport(LowerTransport lower) {
            this.lowerTransport = Optional.ofNullable(lower);
            return this;
        }

        public Builder delivery(Delivery delivery) {
            this.delivery = Optional.ofNullable(delivery);
            return this;
        }

        public Builder destination(String address) {
            this.destination = Optional.ofNullable(address).map(Builder::bare);
            return this;
        }

        public Builder source(String address) {
            this.source = Optional.ofNullable(address).map(Builder::bare);
            return this;
        }

        public Builder interleaved(ChannelPair channels) {
            this.interleaved = Optional.ofNullable(channels);
            return this;
        }

        public Builder ttl(int ttl) {
            if (ttl < 0 || ttl > 255) {
                throw new IllegalArgumentException("ttl out of range: " + ttl);
            }
            this.ttl = OptionalInt.of(ttl);
            return this;
        }

        public Builder clearTtl() {
            this.ttl = OptionalInt.empty();
            return this;
        }

        public Builder port(PortRange port) {
            this.port = Optional.ofNullable(port);
            return this;
        }

        public Builder clientPort(PortRange ports) {
            this.clientPort = Optional.ofNullable(ports);
            return this;
        }

        public Builder serverPort(PortRange ports) {
            this.serverPort = Optional.ofNullable(ports);
            return this;
        }

        /** Sets the SSRC, an unsigned 32-bit value. */
        public Builder ssrc(long ssrc) {
            if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("ssrc out of range: " + ssrc);
            }
            this.ssrc = OptionalLong.of(ssrc);
            return this;
        }

        public Builder clearSsrc() {
            this.ssrc = OptionalLong.empty();
            return this;
        }

        /** Sets the mode ({@code PLAY}, {@code RECORD}); stored stripped, in upper case; null clears it. */
        public Builder mode(String mode) {
            // Stripped and upper-cased here because parse() does the same to what it reads.
            String m = mode == null ? null : mode.strip().toUpperCase(Locale.ROOT);
            if (m != null && (m.isEmpty() || !HeaderValues.isQuotable(m))) {
                throw new IllegalArgumentException("bad mode: " + mode);
            }
            this.mode = Optional.ofNullable(m);
            return this;
        }

        public Builder addExtension(Extension extension) {
            extensions.add(Objects.requireNonNull(extension));
            return this;
        }

        public TransportSpec build() {
            return new TransportSpec(this);
        }

        private static String token(String s) {
            if (!HeaderValues.isToken(s)) {
                throw new IllegalArgumentException("not a token: " + s);
            }
            return s;
        }

        private static String bare(String s) {
            if (!HeaderValues.isBareValue(s)) {
                throw new IllegalArgumentException("not a bare header value: " + s);
            }
            return s;
        }
    }
}
