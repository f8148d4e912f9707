package io.gscam.nvr;

import io.gscam.client.CameraState;
import io.gscam.client.CameraStatistics;
import io.gscam.client.StreamInfo;
import io.gscam.nvr.config.CameraSettings;

import java.util.Optional;

/**
 * One camera as {@code /api/cameras} and {@code /metrics} show it.
 *
 * @param reason       why the session last changed state (the client's {@code StateChange} reason), for a person
 * @param fps          video frames per second received lately
 * @param kbps         media kbit/s received lately
 * @param bytesWritten bytes of segments written since the NVR started
 * @param framesDropped frames the recorder's queue could not take (the disk fell behind)
 */
public record CameraStatus(CameraSettings settings, CameraState state, String reason, Optional<StreamInfo> stream,
                           CameraStatistics statistics, double fps, double kbps, long bytesWritten,
                           long framesDropped, boolean recording) {
}
