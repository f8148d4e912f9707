package io.gscam.nvr.config;

import io.gscam.client.CameraUrl;
import io.gscam.client.Transport;
import io.gscam.protocol.Checks;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * One {@code cameras:} entry.
 *
 * @param name      the key under {@code cameras:}; names the camera in URLs, files and the index
 * @param url       the camera's RTSP URL, credentials included (never shown: see {@link #safeUrl()})
 * @param transport tcp, udp or auto
 * @param record    continuous, events or off
 * @param retain    age limit of recordings
 * @param maxBytes  size limit of this camera's recordings
 * @param preRoll   kept in memory and written with an event
 * @param postRoll  recording goes on this long after the last alarm of a burst
 * @param alarms    the MCTP alarm subscription channel (-1 for all), empty for none
 */
public record CameraSettings(String name, CameraUrl url, Transport transport, RecordMode record, Duration retain,
                             long maxBytes, Duration preRoll, Duration postRoll, OptionalInt alarms) {
    public CameraSettings {
        Checks.nonNull("name", name, "url", url, "transport", transport, "record", record, "retain", retain,
                "preRoll", preRoll, "postRoll", postRoll, "alarms", alarms);
    }

    public static final Duration DEFAULT_RETAIN = Duration.ofDays(7);
    public static final long DEFAULT_MAX_BYTES = 10_000_000_000L;
    public static final Duration DEFAULT_PRE_ROLL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_POST_ROLL = Duration.ofSeconds(10);

    /** A camera with every default: continuous, tcp, alarms of every channel. */
    public static CameraSettings of(String name, CameraUrl url) {
        return new CameraSettings(name, url, Transport.TCP, RecordMode.CONTINUOUS, DEFAULT_RETAIN, DEFAULT_MAX_BYTES,
                DEFAULT_PRE_ROLL, DEFAULT_POST_ROLL, OptionalInt.of(-1));
    }

    /** The URL without its password, for logs, the API and printing. */
    public String safeUrl() {
        return url.toString();
    }

    public CameraSettings withRecord(RecordMode mode) {
        return new CameraSettings(name, url, transport, mode, retain, maxBytes, preRoll, postRoll, alarms);
    }

    public CameraSettings withMaxBytes(long bytes) {
        return new CameraSettings(name, url, transport, record, retain, bytes, preRoll, postRoll, alarms);
    }

    public CameraSettings withRolls(Duration pre, Duration post) {
        return new CameraSettings(name, url, transport, record, retain, maxBytes, pre, post, alarms);
    }

    public CameraSettings withRetain(Duration age) {
        return new CameraSettings(name, url, transport, record, age, maxBytes, preRoll, postRoll, alarms);
    }

    @Override
    public String toString() {
        return "CameraSettings{" + name + " " + safeUrl() + " " + transport + " " + record + "}";
    }
}
