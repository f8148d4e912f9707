package io.gscam.client;

/**
 * Packets were lost or frames dropped on a track since the last such event. Sent at most once a
 * second per track, and only when something was lost, so that a recorder or UI can show it without
 * polling {@link CameraSession#statistics()}.
 *
 * @param trackIndex     index into {@link StreamInfo#tracks()}
 * @param packetsLost    RTP packets lost since the previous event (from sequence numbers)
 * @param framesDropped  frames the depacketizer dropped since the previous event (broken by loss or malformed)
 * @param totalLost      packets lost on this track since the session was opened
 */
public record LossEvent(int trackIndex, long packetsLost, long framesDropped, long totalLost) implements CameraEvent {
}
