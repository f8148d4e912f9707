package io.gscam.nvr.relay;

import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.NalUnit;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes every relayed IDR access unit self-contained: a viewer starts (and a slow one resumes) at
 * a keyframe, so the SPS and PPS must come in-band right before it, whether or not the camera
 * repeats them there. The frame's codec configuration (the latest SPS and PPS the NVR's session
 * saw, in-band or from sprop-parameter-sets) fills in what the access unit lacks.
 */
final class IdrParameterSets {
    private IdrParameterSets() {
    }

    /** {@code accessUnit} as given, or with the missing SPS/PPS of {@code codecConfig} before its IDR. */
    static byte[] ensureBeforeIdr(byte[] accessUnit, boolean keyframe, List<byte[]> codecConfig) {
        if (!keyframe || codecConfig.isEmpty()) {
            return accessUnit;
        }
        List<NalUnit> units = AnnexB.split(accessUnit);
        boolean hasSps = units.stream().anyMatch(NalUnit::isSps);
        boolean hasPps = units.stream().anyMatch(NalUnit::isPps);
        if ((hasSps && hasPps) || !AnnexB.containsIdr(units)) {
            return accessUnit;
        }
        List<NalUnit> config = codecConfig.stream().filter(b -> b.length > 0).map(NalUnit::new).toList();
        List<NalUnit> fixed = new ArrayList<>(units.size() + 2);
        int i = 0;
        // An access unit delimiter must stay first (H.264 7.4.1.2.3).
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
