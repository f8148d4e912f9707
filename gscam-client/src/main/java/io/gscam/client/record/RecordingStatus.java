package io.gscam.client.record;

import java.time.Duration;
import java.util.List;

/**
 * Where a recording stands, for a progress line and for the final report.
 *
 * @param mediaTime     media time written, from the frames' timestamps, over every reconnection
 * @param videoFrames   video frames written to the file(s)
 * @param audioFrames   audio frames written
 * @param bytes         bytes written, over every part
 * @param framesSkipped frames not written: before the first keyframe, past the duration limit, or on
 *                      a track the container cannot carry
 * @param packetsLost   RTP packets the client reported lost
 * @param reconnects    times the camera came back and the recording went on
 * @param files         the files written so far (part 0 first)
 * @param tracksLeftOut tracks of the stream not recorded, with why ("audio G722: no container track")
 */
public record RecordingStatus(Duration mediaTime, long videoFrames, long audioFrames, long bytes, long framesSkipped,
                              long packetsLost, int reconnects, List<String> files, List<String> tracksLeftOut) {
    public RecordingStatus {
        files = List.copyOf(files);
        tracksLeftOut = List.copyOf(tracksLeftOut);
    }
}
