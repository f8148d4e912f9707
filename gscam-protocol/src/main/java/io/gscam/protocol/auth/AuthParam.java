package io.gscam.protocol.auth;

import io.gscam.protocol.header.HeaderValues;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** One {@code name=value} of a challenge or of credentials; the value without quotes. */
public record AuthParam(String name, String value) {
    public AuthParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!HeaderValues.isToken(name)) {
            throw new IllegalArgumentException("not a parameter name: " + name);
        }
        if (!HeaderValues.isQuotable(value)) {
            throw new IllegalArgumentException("control character in value of " + name);
        }
    }

    /** Whether the name is {@code other}, ignoring case as RFC 2617 asks. */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** {@code name="value"}. */
    String formatQuoted() {
        return name + "=" + HeaderValues.quote(value);
    }

    /** The last value of {@code name} in {@code params}, ignoring case. */
    static Optional<String> last(List<AuthParam> params, String name) {
        Optional<String> found = Optional.empty();
        for (AuthParam p : params) {
            if (p.is(name)) {
                found = Optional.of(p.value);
            }
        }
        return found;
    }

    /** Checks that extension parameters do not hide a parameter the owning type models. */
    static List<AuthParam> extensions(List<AuthParam> extensions, List<String> modelled) {
        List<AuthParam> copy = List.copyOf(extensions);
        for (AuthParam p : copy) {
            if (modelled.contains(p.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(p.name() + " is modelled, not an extension");
            }
        }
        return copy;
    }
}
