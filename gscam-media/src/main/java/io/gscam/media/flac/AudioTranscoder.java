package io.gscam.media.flac;

import io.gscam.media.MediaSample;
import io.gscam.media.container.Track;

/**
 * Turns one audio track into another, packet for packet: each input sample becomes one output
 * sample with the same RTP timestamp and the same duration, so a writer that muxes the result with
 * the untouched video keeps them in sync. Stateful (codec state such as G.726's ADPCM predictor
 * carries from packet to packet): one transcoder per stream, fed in order, from one thread.
 */
public interface AudioTranscoder {

    /** The track this transcoder reads. */
    Track input();

    /** The track it produces: declare this one to the container writer. */
    Track output();

    /**
     * Transcodes one packet. An empty packet gives an empty sample (container writers drop and
     * count those).
     */
    MediaSample transcode(MediaSample sample);
}
