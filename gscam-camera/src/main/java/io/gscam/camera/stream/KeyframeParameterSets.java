package io.gscam.camera.stream;

import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.IdrParameterSets;
import io.gscam.media.h264.NalUnit;

import java.util.List;

/**
 * Makes every IDR access unit of an H.264 stream self-contained: a reader that joins (or resumes
 * after a skip) at a keyframe must get SPS and PPS first, but a source need only send them at its
 * start. Remembers the latest SPS and PPS seen and has {@link IdrParameterSets} put them before an
 * IDR access unit that lacks them. One producer thread.
 */
final class KeyframeParameterSets {
    private byte[] sps;
    private byte[] pps;

    /** The access unit as given, or with the remembered SPS/PPS before it when it is an IDR without them. */
    byte[] ensureBeforeIdr(byte[] accessUnit, boolean keyframe) {
        for (NalUnit u : AnnexB.split(accessUnit)) {
            if (u.isSps()) {
                sps = u.bytes();
            } else if (u.isPps()) {
                pps = u.bytes();
            }
        }
        if (sps == null || pps == null) {
            return accessUnit;
        }
        return IdrParameterSets.ensureBeforeIdr(accessUnit, keyframe, List.of(sps, pps));
    }
}
