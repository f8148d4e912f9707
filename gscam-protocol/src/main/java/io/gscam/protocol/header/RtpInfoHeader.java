package io.gscam.protocol.header;

import io.gscam.protocol.Checks;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues.Parameter;
import io.gscam.protocol.header.HeaderValues.Segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The RTP-Info header of a PLAY response (RFC 2326 section 12.33): per stream, its URL and the RTP
 * sequence number and timestamp of the first packet after the PLAY, which a client uses to map RTP
 * time to npt. Example: {@code url=rtsp://cam/0/trackID=0;seq=17;rtptime=90000,url=...}.
 *
 * <p>Tolerated: white space, parameter names in any case, a quoted URL, empty {@code seq=} or
 * {@code rtptime=} (read as absent), and unknown parameters (ignored).
 */
public record RtpInfoHeader(List<Entry> entries) {
    public RtpInfoHeader {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("RTP-Info needs at least one entry");
        }
    }

    /** One stream's entry. */
    public record Entry(String url, OptionalInt seq, OptionalLong rtpTime) {
        public Entry {
            Checks.nonNull("url", url, "seq", seq, "rtpTime", rtpTime);
            if (url.isEmpty() || !HeaderValues.isQuotable(url)) {
                throw new IllegalArgumentException("bad url: " + url);
            }
            if (seq.isPresent() && (seq.getAsInt() < 0 || seq.getAsInt() > 0xFFFF)) {
                throw new IllegalArgumentException("seq out of range: " + seq.getAsInt());
            }
            if (rtpTime.isPresent() && (rtpTime.getAsLong() < 0 || rtpTime.getAsLong() > 0xFFFF_FFFFL)) {
                throw new IllegalArgumentException("rtptime out of range: " + rtpTime.getAsLong());
            }
        }

        public static Entry of(String url, int seq, long rtpTime) {
            return new Entry(url, OptionalInt.of(seq), OptionalLong.of(rtpTime));
        }

        String format() {
            StringBuilder sb = new StringBuilder("url=").append(bareUrl(url) ? url : HeaderValues.quote(url));
            seq.ifPresent(s -> sb.append(";seq=").append(s));
            rtpTime.ifPresent(t -> sb.append(";rtptime=").append(t));
            return sb.toString();
        }

        private static boolean bareUrl(String url) {
            for (int i = 0; i < url.length(); i++) {
                char c = url.charAt(i);
                if (c <= 0x20 || c >= 0x7f || c == ',' || c == ';' || c == '"' || c == '\\') {
                    return false;
                }
            }
            return true;
        }
    }

    public static RtpInfoHeader parse(String value) throws ParseException {
        List<Entry> entries = new ArrayList<>();
        for (Segment s : HeaderValues.split(value, ',')) {
            if (!s.isEmpty()) {
                entries.add(parseEntry(s));
            }
        }
        if (entries.isEmpty()) {
            throw new ParseException("empty RTP-Info header", 0);
        }
        return new RtpInfoHeader(entries);
    }

    private static Entry parseEntry(Segment entry) throws ParseException {
        Optional<String> url = Optional.empty();
        OptionalInt seq = OptionalInt.empty();
        OptionalLong rtpTime = OptionalLong.empty();
        for (Segment part : HeaderValues.split(entry, ';')) {
            if (part.isEmpty()) {
                continue;
            }
            Parameter p = HeaderValues.parameter(part);
            Optional<Segment> v = p.value().isPresent()
                    ? Optional.of(new Segment(HeaderValues.unquote(p.value().get()), p.value().get().offset()).trim())
                    : Optional.empty();
            switch (p.key()) {
                case "url" -> {
                    Segment u = v.filter(s -> !s.isEmpty()).orElseThrow(() -> p.name().error("url needs a value"));
                    if (!HeaderValues.isQuotable(u.text())) {
                        throw u.error("control character in url");
                    }
                    url = Optional.of(u.text());
                }
                case "seq" -> {
                    if (v.isPresent() && !v.get().isEmpty()) {
                        seq = OptionalInt.of((int) HeaderValues.parseDecimal(v.get(), 0xFFFF, "seq"));
                    }
                }
                case "rtptime" -> {
                    if (v.isPresent() && !v.get().isEmpty()) {
                        rtpTime = OptionalLong.of(HeaderValues.parseDecimal(v.get(), 0xFFFF_FFFFL, "rtptime"));
                    }
                }
                default -> {
                    // ssrc= (RFC 7826) and vendor parameters carry nothing a 2326 client uses.
                }
            }
        }
        String u = url.orElseThrow(() -> entry.error("RTP-Info entry without url"));
        return new Entry(u, seq, rtpTime);
    }

    public String format() {
        return entries.stream().map(Entry::format).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return format();
    }
}
