package io.gscam.nvr.http;

import io.gscam.client.CameraState;
import io.gscam.nvr.CameraStatus;
import io.gscam.nvr.Nvr;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** {@code /metrics}: Prometheus text exposition, every name prefixed {@code gscam_}, one series per camera. No credentials. */
final class Metrics {
    private Metrics() {
    }

    static String render(Nvr nvr) {
        List<CameraStatus> cams = nvr.cameras();
        StringBuilder b = new StringBuilder();
        b.append("# HELP gscam_camera_state 1 for the state the camera's session is in.\n# TYPE gscam_camera_state gauge\n");
        for (CameraStatus c : cams) {
            for (CameraState s : CameraState.values()) {
                b.append("gscam_camera_state{camera=\"").append(c.settings().name()).append("\",state=\"").append(s.name())
                        .append("\"} ").append(c.state() == s ? 1 : 0).append('\n');
            }
        }
        gauge(b, cams, "gscam_camera_fps", "Video frames per second received.", CameraStatus::fps);
        gauge(b, cams, "gscam_camera_kbps", "Media kbit/s received.", CameraStatus::kbps);
        gauge(b, cams, "gscam_camera_recording", "1 while a segment is being written.", c -> c.recording() ? 1 : 0);
        counter(b, cams, "gscam_camera_packets_lost_total", "RTP packets lost.", c -> c.statistics().packetsLost());
        counter(b, cams, "gscam_camera_packets_received_total", "RTP packets received.", c -> c.statistics().packetsReceived());
        counter(b, cams, "gscam_camera_bytes_received_total", "RTP bytes received (headers included).", c -> c.statistics().bytesReceived());
        counter(b, cams, "gscam_camera_frames_dropped_total", "Frames the depacketizers or the recorder dropped.",
                c -> c.statistics().framesDropped() + c.framesDropped());
        counter(b, cams, "gscam_camera_reconnects_total", "Times the camera session was re-established.", c -> c.statistics().reconnects());
        counter(b, cams, "gscam_camera_alarms_total", "Alarms received.", c -> c.statistics().alarms());
        counter(b, cams, "gscam_camera_bytes_written_total", "Segment bytes written since start.", CameraStatus::bytesWritten);
        b.append("# HELP gscam_retention_deleted_bytes_total Bytes retention deleted since start.\n")
                .append("# TYPE gscam_retention_deleted_bytes_total counter\n")
                .append("gscam_retention_deleted_bytes_total ").append(nvr.retention().deletedBytes()).append('\n');
        if (nvr.alarmsOut() != null) {
            nvr.alarmsOut().appendMetrics(b);
        }
        return b.toString();
    }

    private static void gauge(StringBuilder b, List<CameraStatus> cams, String name, String help, ToDoubleFunction<CameraStatus> f) {
        series(b, cams, name, help, "gauge", f);
    }

    private static void counter(StringBuilder b, List<CameraStatus> cams, String name, String help, ToDoubleFunction<CameraStatus> f) {
        series(b, cams, name, help, "counter", f);
    }

    private static void series(StringBuilder b, List<CameraStatus> cams, String name, String help, String type,
                               ToDoubleFunction<CameraStatus> f) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (CameraStatus c : cams) {
            double v = f.applyAsDouble(c);
            b.append(name).append("{camera=\"").append(c.settings().name()).append("\"} ")
                    .append(v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v)).append('\n');
        }
    }
}
