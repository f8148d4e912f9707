package io.gscam.cli.client;

import io.gscam.media.g726.G726Packing;
import picocli.CommandLine;

import java.util.Locale;

/**
 * {@code --g726-packing rfc3551|aal2}, in any case: the names of the camera's option of the same
 * name, for the packing actually on the wire of a camera that mislabels it.
 */
public final class G726PackingConverter implements CommandLine.ITypeConverter<G726Packing> {
    /** The option's help text, shared by the commands that take it. */
    public static final String DESCRIPTION = "G.726: the packing actually on the wire, for cameras that mislabel it: "
            + "rfc3551 (little-endian, as G726-32) or aal2 (big-endian, as AAL2-G726-32). Default: as the SDP labels it.";

    @Override
    public G726Packing convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "rfc3551" -> G726Packing.RFC3551_LE;
            case "aal2" -> G726Packing.AAL2_BE;
            default -> throw new CommandLine.TypeConversionException("G.726 packing must be rfc3551 or aal2: " + value);
        };
    }

    /** The option value naming {@code packing}. */
    public static String name(G726Packing packing) {
        return packing == G726Packing.AAL2_BE ? "aal2" : "rfc3551";
    }
}
