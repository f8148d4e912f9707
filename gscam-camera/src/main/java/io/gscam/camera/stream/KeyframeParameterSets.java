package io.gscam.camera.stream;

import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.NalUnit;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes every IDR access unit of an H.264 stream self-contained: a reader that joins (or resumes
 * after a skip) at a keyframe must get SPS and PPS first, but a source need only send them at its
 * start. Remembers the latest SPS and PPS seen and puts them before an IDR access unit that lacks
 * them. One producer thread.
 */
final class KeyframeParameterSets {
    private NalUnit sps;
    private NalUnit pps;

    /** The access unit as given, or with the remembered SPS/PPS before it when it is an IDR without them. */
    byte[] ensureBeforeIdr(byte[] accessUnit, boolean keyframe) {
        List<NalUnit> units = AnnexB.split(accessUnit);
        boolean hasSps = false;
        boolean hasPps = false;
        for (NalUnit u : units) {
            if (u.isSps()) {
                sps = u;
                hasSps = true;
            } else if (u.isPps()) {
                pps = u;
                hasPps = true;
            }
        }
        if (!keyframe || (hasSps && hasPps) || sps == null || pps == null || !AnnexB.containsIdr(units)) {
            return accessUnit;
        }
        List<NalUnit> fixed = new ArrayList<>(units.size() + 2);
        int i = 0;
        // An access unit delimiter must stay first (H.264 7.4.1.2.3).
        if (!units.isEmpty() && units.get(0).type() == NalUnit.TYPE_AUD) {
            fixed.add(units.get(0));
            i = 1;
        }
        if (!hasSps) {
            fixed.add(sps);
        }
        if (!hasPps) {
            fixed.add(pps);
        }
        fixed.addAll(units.subList(i, units.size()));
        return AnnexB.join(fixed);
    }
}
