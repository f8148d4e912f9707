package io.gscam.camera.source;

import java.util.ArrayList;
import java.util.List;

/** Test helper: the NAL unit types of an Annex-B access unit, in order (an independent little scanner). */
final class NalUnits {
    private NalUnits() {
    }

    static List<Integer> types(byte[] annexB) {
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i + 3 < annexB.length; i++) {
            if (annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1) {
                types.add(annexB[i + 3] & 0x1F);
                i += 2;
            }
        }
        return types;
    }
}
