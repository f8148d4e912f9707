/**
 * FLAC for browsers: camera audio that browsers cannot play (G.711, G.726) becomes lossless FLAC,
 * which they play from MP4 through Media Source Extensions, without touching the video.
 *
 * <p>{@link io.gscam.media.flac.FlacEncoder} writes RFC 9639 frames from 16-bit PCM (fixed
 * predictors, Rice-coded residual); {@link io.gscam.media.flac.FlacTranscoder} (an
 * {@link io.gscam.media.flac.AudioTranscoder}) decodes each camera packet with gscam-media's
 * G.711/G.726 decoders and encodes it as one FLAC frame with the packet's timestamp and duration.
 * Declare {@code transcoder.output()} (a {@link io.gscam.media.container.TrackCodec#FLAC} track) to a
 * {@link io.gscam.media.container.FragmentedMp4Writer} (sample entry {@code fLaC} with a
 * {@code dfLa} box, per Xiph's "Encapsulation of FLAC in ISO Base Media File Format") or a
 * {@link io.gscam.media.container.MatroskaWriter} ({@code A_FLAC}) and hand it the transcoded samples:
 *
 * <pre>{@code
 * AudioTranscoder audio = FlacTranscoder.of(cameraAudioTrack);   // PCMU, PCMA, G726 (either packing), PCM
 * int v = writer.addTrack(videoTrack);
 * int a = writer.addTrack(audio.output());
 * ...
 * writer.writeSample(a, audio.transcode(cameraAudioSample));       // same RTP timestamp, same duration
 * }</pre>
 *
 * <p>Because FLAC is lossless, a player decodes exactly the samples ffmpeg's G.711/G.726 decoders
 * give (the tests hold ffmpeg to that). For 8 kHz voice a FLAC stream is about 60% of 16-bit PCM,
 * so more than G.711's 8 bits per sample: the price of a codec every browser decodes.
 */
package io.gscam.media.flac;
