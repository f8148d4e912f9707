package io.gscam.media.h264;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes an IDR access unit self-contained: a reader that starts (or resumes after a skip) at a
 * keyframe needs the SPS and PPS in-band right before it, whether or not the source repeats them
 * there. The emulator's streams and the NVR's relay both use it.
 */
public final class IdrParameterSets {
    private IdrParameterSets() {
    }

    /**
     * {@code accessUnit} as given, or with the SPS and PPS of {@code known} that it lacks put before
     * its IDR (after an access unit delimiter, which must stay first: H.264 7.4.1.2.3). Unchanged when
     * it is not a keyframe, has both already, has no IDR, or nothing is known.
     *
     * @param known parameter sets NAL units without start codes (the codec configuration); others are ignored
     */
    public static byte[] ensureBeforeIdr(byte[] accessUnit, boolean keyframe, List<byte[]> known) {
        if (!keyframe || known.isEmpty()) {
            return accessUnit;
        }
        List<NalUnit> units = AnnexB.split(accessUnit);
        boolean hasSps = units.stream().anyMatch(NalUnit::isSps);
        boolean hasPps = units.stream().anyMatch(NalUnit::isPps);
        if ((hasSps && hasPps) || !AnnexB.containsIdr(units)) {
            return accessUnit;
        }
        List<NalUnit> config = known.stream().filter(b -> b.length > 0).map(NalUnit::new).toList();
        List<NalUnit> fixed = new ArrayList<>(units.size() + 2);
        int i = 0;
        if (!units.isEmpty() && units.get(0).type() == NalUnit.TYPE_AUD) {
            fixed.add(units.get(0));
            i = 1;
        }
        if (!hasSps) {
            config.stream().filter(NalUnit::isSps).forEach(fixed::add);
        }
        if (!hasPps) {
            config.stream().filter(NalUnit::isPps).forEach(fixed::add);
        }
        fixed.addAll(units.subList(i, units.size()));
        return AnnexB.join(fixed);
    }
}
