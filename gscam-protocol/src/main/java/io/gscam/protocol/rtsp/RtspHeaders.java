package io.gscam.protocol.rtsp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The header fields of an RTSP message: immutable, in their original order, each name in its original
 * spelling, looked up ignoring case. Unknown headers are kept (the spec's PLAY sends {@code Rang:}),
 * repeated headers are kept as separate fields.
 *
 * <p>Equality is exact: same fields, same order, same spelling. That is what a round trip through
 * {@link RtspMessage#toBytes()} and the decoder preserves.
 */
public final class RtspHeaders implements Iterable<RtspHeader> {
    public static final RtspHeaders EMPTY = new RtspHeaders(List.of());

    private final List<RtspHeader> fields;

    private RtspHeaders(List<RtspHeader> fields) {
        this.fields = fields;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Headers from alternating names and values: {@code of("CSeq", "1", "Session", "09682642")}. */
    public static RtspHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.fields.addAll(fields);
        return b;
    }

    /** The value of the first field named {@code name} (any case). */
    public Optional<String> get(String name) {
        for (RtspHeader f : fields) {
            if (f.hasName(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /** The values of every field named {@code name} (any case), in order. */
    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>(1);
        for (RtspHeader f : fields) {
            if (f.hasName(name)) {
                values.add(f.value());
            }
        }
        return List.copyOf(values);
    }

    public boolean contains(String name) {
        return get(name).isPresent();
    }

    /** Every field in order. */
    public List<RtspHeader> asList() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public Iterator<RtspHeader> iterator() {
        return fields.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtspHeaders other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    /** Collects fields; names and values are validated as they are added. */
    public static final class Builder {
        private final List<RtspHeader> fields = new ArrayList<>();

        private Builder() {
        }

        /** Appends a field, keeping any others of the same name. */
        public Builder add(String name, String value) {
            fields.add(new RtspHeader(name, value));
            return this;
        }

        /**
         * Makes {@code name} have exactly this one value: replaces the first field of that name (any case)
         * in its position, with the spelling given here, and removes the others; appends if there is none.
         */
        public Builder set(String name, String value) {
            RtspHeader field = new RtspHeader(name, value);
            int first = -1;
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).hasName(name)) {
                    first = i;
                    break;
                }
            }
            if (first < 0) {
                fields.add(field);
                return this;
            }
            fields.set(first, field);
            for (int i = fields.size() - 1; i > first; i--) {
                if (fields.get(i).hasName(name)) {
                    fields.remove(i);
                }
            }
            return this;
        }

        /** Removes every field named {@code name} (any case). */
        public Builder remove(String name) {
            fields.removeIf(f -> f.hasName(name));
            return this;
        }

        /** The value of the first field of that name so far, as {@link RtspHeaders#get}. */
        public Optional<String> get(String name) {
            for (RtspHeader f : fields) {
                if (f.hasName(name)) {
                    return Optional.of(f.value());
                }
            }
            return Optional.empty();
        }

        public RtspHeaders build() {
            return fields.isEmpty() ? EMPTY : new RtspHeaders(List.copyOf(fields));
        }
    }
}
