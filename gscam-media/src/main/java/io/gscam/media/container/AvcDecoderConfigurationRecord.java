package io.gscam.media.container;

import io.gscam.protocol.ParseException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code avcC} record of ISO/IEC 14496-15 section 5.3.3.1: profile, level, NAL length size and
 * the parameter sets. Matroska's {@code V_MPEG4/ISO/AVC} CodecPrivate is the same bytes.
 *
 * @param lengthSize bytes of each NAL length prefix in samples (1, 2 or 4)
 */
public record AvcDecoderConfigurationRecord(int profile, int compatibility, int level, int lengthSize,
                                            List<byte[]> sps, List<byte[]> pps) {

    public AvcDecoderConfigurationRecord {
        if (lengthSize != 1 && lengthSize != 2 && lengthSize != 4) {
            throw new IllegalArgumentException("NAL length size must be 1, 2 or 4, got " + lengthSize);
        }
        sps = List.copyOf(sps);
        pps = List.copyOf(pps);
        if (sps.stream().anyMatch(u -> u.length == 0) || pps.stream().anyMatch(u -> u.length == 0)) {
            throw new IllegalArgumentException("a parameter set has at least its 1-byte NAL header");
        }
    }

    /** A record for 4-byte lengths; profile, compatibility and level come from the first SPS. */
    public static AvcDecoderConfigurationRecord of(List<byte[]> sps, List<byte[]> pps) {
        Objects.requireNonNull(sps, "sps");
        if (sps.isEmpty() || sps.get(0).length < 4) {
            throw new IllegalArgumentException("an avcC needs at least one SPS of 4 bytes or more");
        }
        byte[] first = sps.get(0);
        return new AvcDecoderConfigurationRecord(first[1] & 0xFF, first[2] & 0xFF, first[3] & 0xFF, 4, sps, pps);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1); // configurationVersion
        out.write(profile);
        out.write(compatibility);
        out.write(level);
        out.write(0xFC | (lengthSize - 1));
        out.write(0xE0 | sps.size());
        for (byte[] s : sps) {
            writeUnit(out, s);
        }
        out.write(pps.size());
        for (byte[] p : pps) {
            writeUnit(out, p);
        }
        // High profiles carry chroma/bit-depth fields after the PPS list (14496-15 5.3.3.1.2).
        if (profile == 100 || profile == 110 || profile == 122 || profile == 144) {
            out.write(0xFC | 1); // chroma_format_idc 4:2:0 unless the SPS says otherwise; decoders read the SPS
            out.write(0xF8);     // bit_depth_luma_minus8 = 0
            out.write(0xF8);     // bit_depth_chroma_minus8 = 0
            out.write(0);        // numOfSequenceParameterSetExt
        }
        return out.toByteArray();
    }

    private static void writeUnit(ByteArrayOutputStream out, byte[] unit) {
        out.write(unit.length >>> 8);
        out.write(unit.length);
        out.writeBytes(unit);
    }

    /** Parses an {@code avcC} payload (without the box header). */
    public static AvcDecoderConfigurationRecord parse(byte[] b) throws ParseException {
        if (b.length < 7) {
            throw new ParseException("avcC shorter than 7 bytes", 0);
        }
        if (b[0] != 1) {
            throw new ParseException("avcC configurationVersion " + (b[0] & 0xFF) + ", expected 1", 0);
        }
        int lengthSize = (b[4] & 0x03) + 1;
        if (lengthSize == 3) {
            throw new ParseException("avcC NAL length size 3 is not allowed", 4);
        }
        int[] pos = {5};
        List<byte[]> sps = readUnits(b, pos, b[5] & 0x1F, true);
        if (pos[0] >= b.length) {
            throw new ParseException("avcC ends before the PPS count", pos[0]);
        }
        List<byte[]> pps = readUnits(b, pos, b[pos[0]] & 0xFF, false);
        return new AvcDecoderConfigurationRecord(b[1] & 0xFF, b[2] & 0xFF, b[3] & 0xFF, lengthSize, sps, pps);
    }

    private static List<byte[]> readUnits(byte[] b, int[] pos, int count, boolean spsList) throws ParseException {
        int p = pos[0] + 1;
        List<byte[]> units = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (p + 2 > b.length) {
                throw new ParseException("avcC ends inside a parameter set length", p);
            }
            int len = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
            p += 2;
            if (p + len > b.length) {
                throw new ParseException("avcC parameter set of " + len + " bytes runs past the end", p);
            }
            if (len == 0) {
                throw new ParseException("avcC parameter set of 0 bytes", p);
            }
            byte[] unit = new byte[len];
            System.arraycopy(b, p, unit, 0, len);
            units.add(unit);
            p += len;
        }
        pos[0] = p;
        return units;
    }
}
