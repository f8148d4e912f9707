package io.gscam.protocol.sdp;

import io.gscam.protocol.ParseException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The H.264 {@code sprop-parameter-sets} fmtp parameter (RFC 6184 section 8.1): comma-separated
 * base64 NAL units, normally the SPS then the PPS. Reading tolerates what cameras send: an empty
 * value (Grandstream sends that before its encoder has started), a trailing comma, whitespace, and
 * base64 without its padding.
 */
public final class SpropParameterSets {
    private static final int NAL_TYPE_SPS = 7;
    private static final int NAL_TYPE_PPS = 8;

    private final List<byte[]> nalUnits;

    private SpropParameterSets(List<byte[]> nalUnits) {
        this.nalUnits = nalUnits;
    }

    /** The given NAL units, in order; each must be non-empty. */
    public static SpropParameterSets of(List<byte[]> nalUnits) {
        List<byte[]> copy = new ArrayList<>(nalUnits.size());
        for (byte[] nal : nalUnits) {
            if (nal.length == 0) {
                throw new IllegalArgumentException("empty NAL unit in sprop-parameter-sets");
            }
            copy.add(nal.clone());
        }
        return new SpropParameterSets(List.copyOf(copy));
    }

    public static SpropParameterSets of(byte[]... nalUnits) {
        return of(Arrays.asList(nalUnits));
    }

    /** Reads the parameter's value, such as {@code Z0LgHtoCwPRA,aM4wpIA=}. */
    public static SpropParameterSets parse(String value) throws ParseException {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        for (String part : value.split(",", -1)) {
            String b64 = part.replaceAll("\\s+", "");
            if (!b64.isEmpty()) {
                byte[] nal;
                try {
                    nal = Base64.getDecoder().decode(b64);
                } catch (IllegalArgumentException e) {
                    throw new ParseException("sprop-parameter-sets entry is not base64: '" + part.trim() + "'", at, e);
                }
                if (nal.length == 0) {
                    throw new ParseException("sprop-parameter-sets entry decodes to nothing: '" + part.trim() + "'", at);
                }
                out.add(nal);
            }
            at += part.length() + 1;
        }
        return new SpropParameterSets(List.copyOf(out));
    }

    /** The NAL units (copies), in the order given. */
    public List<byte[]> nalUnits() {
        return nalUnits.stream().map(byte[]::clone).toList();
    }

    public boolean isEmpty() {
        return nalUnits.isEmpty();
    }

    /** The first sequence parameter set (NAL type 7), if any. */
    public Optional<byte[]> sps() {
        return firstOfType(NAL_TYPE_SPS);
    }

    /** The first picture parameter set (NAL type 8), if any. */
    public Optional<byte[]> pps() {
        return firstOfType(NAL_TYPE_PPS);
    }

    private Optional<byte[]> firstOfType(int type) {
        return nalUnits.stream().filter(n -> (n[0] & 0x1F) == type).findFirst().map(byte[]::clone);
    }

    /** The parameter's value: padded base64 of each NAL unit, joined by commas. */
    public String format() {
        StringJoiner j = new StringJoiner(",");
        nalUnits.forEach(n -> j.add(Base64.getEncoder().encodeToString(n)));
        return j.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SpropParameterSets s) || s.nalUnits.size() != nalUnits.size()) {
            return false;
        }
        for (int i = 0; i < nalUnits.size(); i++) {
            if (!Arrays.equals(nalUnits.get(i), s.nalUnits.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (byte[] n : nalUnits) {
            h = 31 * h + Arrays.hashCode(n);
        }
        return h;
    }

    @Override
    public String toString() {
        return "SpropParameterSets{" + format() + "}";
    }
}
