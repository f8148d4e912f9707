package io.gscam.camera.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Several sources as one, for a channel's video and audio: tracks are the parts' tracks in order
 * (the first part's tracks come first), and {@link #next()} hands out the earliest ready sample.
 * A live part that has nothing ready does not hold the others back; its samples follow when they come.
 * Closing closes every part.
 */
public final class MergedSource implements MediaSource {
    private final List<MediaSource> parts;
    private final int[] firstTrack;
    private final TimedSample[] heads;
    private final List<TrackInfo> tracks;

    public MergedSource(List<? extends MediaSource> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        this.parts = List.copyOf(parts);
        this.firstTrack = new int[this.parts.size()];
        this.heads = new TimedSample[this.parts.size()];
        List<TrackInfo> all = new ArrayList<>();
        for (int i = 0; i < this.parts.size(); i++) {
            firstTrack[i] = all.size();
            all.addAll(this.parts.get(i).tracks());
        }
        this.tracks = List.copyOf(all);
    }

    public static MergedSource of(MediaSource... parts) {
        return new MergedSource(List.of(parts));
    }

    @Override
    public List<TrackInfo> tracks() {
        return tracks;
    }

    @Override
    public TimedSample next() {
        int best = -1;
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] == null) {
                TimedSample s = parts.get(i).next();
                heads[i] = s == null ? null : s.withTrack(firstTrack[i] + s.track());
            }
            if (heads[i] != null && (best < 0
                    || heads[i].presentationTime().compareTo(heads[best].presentationTime()) < 0)) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        TimedSample s = heads[best];
        heads[best] = null;
        return s;
    }

    @Override
    public void close() {
        for (MediaSource p : parts) {
            p.close();
        }
    }
}
