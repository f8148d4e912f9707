package io.gscam.protocol.grandstream;

import java.util.List;
import java.util.stream.IntStream;

/** The two Grandstream device families the spec covers, by the channels they serve. */
public enum DeviceModel {
    /** Video server with four inputs: channels 0..7. */
    DVS(IntStream.rangeClosed(GrandstreamChannel.MIN, GrandstreamChannel.MAX).mapToObj(GrandstreamChannel::new).toList()),
    /** IP camera, one input: primary 0 and secondary 4. */
    IPCAM(List.of(new GrandstreamChannel(0), new GrandstreamChannel(4)));

    private final List<GrandstreamChannel> channels;

    DeviceModel(List<GrandstreamChannel> channels) {
        this.channels = channels;
    }

    /** The channels this model serves, in ascending order. */
    public List<GrandstreamChannel> channels() {
        return channels;
    }

    public boolean serves(GrandstreamChannel channel) {
        return channels.contains(channel);
    }
}
