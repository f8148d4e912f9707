package io.gscam.media;

/** What an SDP m= line carries. */
public enum MediaKind {
    VIDEO, AUDIO
}
