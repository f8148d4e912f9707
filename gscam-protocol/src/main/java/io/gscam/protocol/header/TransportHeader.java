package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues.Segment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Transport header (RFC 2326 section 12.39): the client's alternatives in order of preference,
 * or the single one a server chose. Example from the spec: {@code RTP/AVP/TCP;unicast;interleaved=0-1}.
 */
public record TransportHeader(List<TransportSpec> specs) {
    public TransportHeader {
        specs = List.copyOf(specs);
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("a Transport header needs at least one transport-spec");
        }
    }

    public static TransportHeader of(TransportSpec... specs) {
        return new TransportHeader(List.of(specs));
    }

    /** Parses comma-separated transport-specs; empty alternatives ({@code a,,b}) are skipped. */
    public static TransportHeader parse(String value) throws ParseException {
        List<TransportSpec> specs = new ArrayList<>();
        for (Segment s : HeaderValues.split(value, ',')) {
            if (!s.isEmpty()) {
                specs.add(TransportSpec.parse(s));
            }
        }
        if (specs.isEmpty()) {
            throw new ParseException("empty Transport header", 0);
        }
        return new TransportHeader(specs);
    }

    /** The first (preferred) alternative. */
    public TransportSpec first() {
        return specs.get(0);
    }

    public String format() {
        return specs.stream().map(TransportSpec::format).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return format();
    }
}
