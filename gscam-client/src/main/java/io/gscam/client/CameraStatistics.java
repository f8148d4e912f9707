package io.gscam.client;

/**
 * Counters of a {@link CameraSession} since it was opened, over every reconnection.
 *
 * @param packetsReceived  RTP packets received on every track
 * @param packetsLost      RTP packets never received, from sequence numbers (RFC 3550 A.3)
 * @param packetsReordered UDP packets that arrived out of order and were put back in order
 * @param packetsLate      UDP packets that arrived after the reorder buffer gave up on them, dropped
 * @param bytesReceived    RTP bytes received (headers included)
 * @param videoFrames      video frames delivered
 * @param audioFrames      audio frames delivered
 * @param framesDropped    frames the depacketizers dropped (broken by loss, malformed)
 * @param eventsDropped    media events {@link CameraSession#take} could not queue because the caller fell behind
 * @param alarms           alarms delivered
 * @param reconnects       times the session was re-established after losing the camera
 */
public record CameraStatistics(long packetsReceived, long packetsLost, long packetsReordered, long packetsLate,
                               long bytesReceived, long videoFrames, long audioFrames, long framesDropped,
                               long eventsDropped, long alarms, long reconnects) {
}
