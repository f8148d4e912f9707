package io.gscam.media.container;

import java.util.ArrayList;
import java.util.List;

/**
 * The arrays a {@link FragmentedMp4Writer} builds its fragments in (each track's samples, the
 * {@code moof}, the padding), kept from one writer to the next: an NVR camera gets a writer per
 * segment, and arrays that grow to a second of the camera's media and then live the segment's minute
 * outlive the young collections and are promoted, a set per camera per segment, until a full
 * collection clears them (docs/benchmarks.md, "NVR ingest", Session 12). Kept, they grow once.
 *
 * <p>One writer at a time, on one thread at a time: a writer made with these takes them over, and the
 * writer before it may not write again ({@link IllegalStateException} if it does).
 */
public final class FragmentArrays {
    private final List<BoxBuffer> samples = new ArrayList<>();
    private final BoxBuffer fragment = new BoxBuffer();
    private final BoxBuffer padding = new BoxBuffer();
    private int owner;

    /** Hands the arrays, emptied, to a new writer; returns the writer's ticket for {@link #check}. */
    int takeOver() {
        for (BoxBuffer b : samples) {
            b.clear();
        }
        fragment.clear();
        padding.clear();
        return ++owner;
    }

    /** Throws unless {@code ticket} is the last writer's to take these over. */
    void check(int ticket) {
        if (ticket != owner) {
            throw new IllegalStateException("this writer's arrays went to a later writer");
        }
    }

    /** Track {@code index}'s sample bytes (from 0). */
    BoxBuffer samples(int index) {
        while (samples.size() <= index) {
            samples.add(new BoxBuffer());
        }
        return samples.get(index);
    }

    BoxBuffer fragment() {
        return fragment;
    }

    BoxBuffer padding() {
        return padding;
    }
}
