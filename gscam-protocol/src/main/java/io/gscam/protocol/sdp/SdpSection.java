package io.gscam.protocol.sdp;

import java.util.List;
import java.util.Optional;

/**
 * The lines of one level of a session description, the session level or one media section (RFC
 * 4566 section 5), and the fields both levels may carry, read from those lines.
 */
public sealed interface SdpSection permits SessionDescription, MediaDescription {
    /** The lines of this level, in order (a media section's without its {@code m=} line). */
    List<SdpLine> lines();

    /** The first {@code i=} (session or media title). */
    default Optional<String> information() {
        return SdpLines.first(lines(), 'i');
    }

    /** The first readable {@code c=} of this level; for a media section the session's applies when empty. */
    default Optional<ConnectionData> connection() {
        return SdpLines.connection(lines());
    }

    /** The {@code b=} lines that could be read. */
    default List<Bandwidth> bandwidths() {
        return SdpLines.bandwidths(lines());
    }

    /** Every {@code a=} line of this level, in order. */
    default List<SdpAttribute> attributes() {
        return SdpLines.attributes(lines());
    }

    /** The value of the first attribute with this name (ignoring case); "" for a property attribute. */
    default Optional<String> attribute(String name) {
        return SdpLines.attribute(lines(), name);
    }

    /** The values of every attribute with this name (ignoring case). */
    default List<String> attributeValues(String name) {
        return SdpLines.attributeValues(lines(), name);
    }

    /**
     * The {@code a=control} value (trimmed): at session level the aggregate control URL (often
     * {@code *}), in a media section relative, absolute or {@code *}; see {@link ControlUrl}.
     */
    default Optional<String> control() {
        return SdpLines.trimmedAttribute(lines(), "control");
    }

    /** {@code a=range} as written ({@code npt=0-}), trimmed. */
    default Optional<String> range() {
        return SdpLines.trimmedAttribute(lines(), "range");
    }
}
