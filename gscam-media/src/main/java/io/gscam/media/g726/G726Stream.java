package io.gscam.media.g726;

import java.util.Objects;

/**
 * What {@link G726Encoder} and {@link G726Decoder} share: one stream's ADPCM state at its rate, and
 * how its code words are packed into bytes.
 */
public abstract sealed class G726Stream permits G726Encoder, G726Decoder {
    final G726State state;
    final G726Packing packing;

    G726Stream(G726Rate rate, G726Packing packing) {
        this.state = new G726State(Objects.requireNonNull(rate, "rate"));
        this.packing = Objects.requireNonNull(packing, "packing");
    }

    /** Back to the initial state, as at the start of a new stream. */
    public void reset() {
        state.reset();
    }

    public G726Rate rate() {
        return state.rate();
    }

    public G726Packing packing() {
        return packing;
    }
}
