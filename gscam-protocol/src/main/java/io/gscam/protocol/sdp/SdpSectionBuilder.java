package io.gscam.protocol.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link SessionDescription.Builder} and {@link MediaDescription.Builder} share: the {@code a=}
 * lines of their level, in the order added, and the one way of writing them.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract sealed class SdpSectionBuilder<B extends SdpSectionBuilder<B>>
        permits SessionDescription.Builder, MediaDescription.Builder {
    final List<SdpLine> attributes = new ArrayList<>();

    SdpSectionBuilder() {
    }

    /** This builder as its concrete type. */
    abstract B self();

    /** {@code a=<name>}, a property attribute such as {@code recvonly}. */
    public B attribute(String name) {
        return attribute(name, "");
    }

    /** {@code a=<name>:<value>}. */
    public B attribute(String name, String value) {
        attributes.add(new SdpLine('a', new SdpAttribute(name, value).format()));
        return self();
    }

    /** {@code a=control}: a media section's URL, or at session level usually {@code *}. */
    public B control(String control) {
        return attribute("control", control);
    }
}
