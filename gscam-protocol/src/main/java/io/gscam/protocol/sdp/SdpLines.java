package io.gscam.protocol.sdp;

import io.gscam.protocol.ParseException;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Reads typed values out of the lines of one level (session or media); shared by both levels. */
final class SdpLines {
    private SdpLines() {
    }

    static Optional<String> first(List<SdpLine> lines, char type) {
        for (SdpLine l : lines) {
            if (l.type() == type) {
                return Optional.of(l.value());
            }
        }
        return Optional.empty();
    }

    static List<String> all(List<SdpLine> lines, char type) {
        return lines.stream().filter(l -> l.type() == type).map(SdpLine::value).toList();
    }

    static List<SdpAttribute> attributes(List<SdpLine> lines) {
        return lines.stream().filter(l -> l.type() == 'a').map(l -> SdpAttribute.parse(l.value())).toList();
    }

    /** Values of the attributes with this name (ignoring case: cameras write {@code a=Control}). */
    static List<String> attributeValues(List<SdpLine> lines, String name) {
        return attributes(lines).stream().filter(a -> a.name().equalsIgnoreCase(name)).map(SdpAttribute::value).toList();
    }

    static Optional<String> attribute(List<SdpLine> lines, String name) {
        List<String> values = attributeValues(lines, name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    static Optional<String> trimmedAttribute(List<SdpLine> lines, String name) {
        return attribute(lines, name).map(String::trim);
    }

    /**
     * The rest of the first format-specific attribute ({@code a=<name>:<pt> <rest>}) for a payload
     * type; "" when the attribute names the type and nothing else.
     */
    static Optional<String> formatAttribute(List<SdpLine> lines, String name, int payloadType) {
        for (String v : attributeValues(lines, name)) {
            String t = v.trim();
            int sp = 0;
            while (sp < t.length() && !Character.isWhitespace(t.charAt(sp))) {
                sp++;
            }
            if (t.substring(0, sp).equals(Integer.toString(payloadType))) {
                return Optional.of(t.substring(sp).trim());
            }
        }
        return Optional.empty();
    }

    static Optional<ConnectionData> connection(List<SdpLine> lines) {
        return first(lines, 'c').flatMap(ConnectionData::parse);
    }

    static List<Bandwidth> bandwidths(List<SdpLine> lines) {
        return all(lines, 'b').stream().map(Bandwidth::parse).flatMap(Optional::stream).toList();
    }

    static Optional<RtpMap> rtpmap(List<SdpLine> lines, int payloadType) {
        for (String v : attributeValues(lines, "rtpmap")) {
            try {
                RtpMap m = RtpMap.parse(v);
                if (m.payloadType() == payloadType) {
                    return Optional.of(m);
                }
            } catch (ParseException malformed) {
                // A broken rtpmap says nothing usable; the static table or another line may.
            }
        }
        return Optional.empty();
    }

    static OptionalDouble decimal(Optional<String> value) {
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(value.get().trim());
            return Double.isFinite(d) && d >= 0 ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    static OptionalInt integral(Optional<String> value) {
        OptionalDouble d = decimal(value);
        if (d.isEmpty() || d.getAsDouble() > Integer.MAX_VALUE || d.getAsDouble() != Math.rint(d.getAsDouble())) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) d.getAsDouble());
    }

    static void appendTo(StringBuilder out, List<SdpLine> lines) {
        for (SdpLine l : lines) {
            out.append(l.type()).append('=').append(l.value()).append("\r\n");
        }
    }

    /** Formats a decimal attribute value without a useless {@code .0}. */
    static String decimalText(double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("not a usable value: " + value);
        }
        return value == Math.rint(value) && value < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
