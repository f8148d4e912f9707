package io.gscam.cli.client;

import io.gscam.client.Transport;
import picocli.CommandLine;

import java.util.Locale;

/** {@code --transport tcp|udp|auto}, in any case. */
public final class TransportConverter implements CommandLine.ITypeConverter<Transport> {
    @Override
    public Transport convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Transport.TCP;
            case "udp" -> Transport.UDP;
            case "auto" -> Transport.AUTO;
            default -> throw new CommandLine.TypeConversionException("transport must be tcp, udp or auto: " + value);
        };
    }

    /** The option value naming {@code t}. */
    public static String name(Transport t) {
        return t.name().toLowerCase(Locale.ROOT);
    }
}
