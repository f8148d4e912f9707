package io.gscam.media.rtp;

import io.gscam.media.g711.G711PayloadFormat;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.g726.G726PayloadFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadFormatsTest {
    @Test
    void with_formatForKnownNames_replacesItForEveryNameItDeclaresAndKeepsTheRest() {
        PayloadFormats standard = PayloadFormats.standard();
        G726PayloadFormat aal2 = new G726PayloadFormat(G726Packing.AAL2_BE);

        PayloadFormats overridden = standard.with(aal2);

        assertThat(overridden.find("G726-32")).containsSame(aal2);
        assertThat(overridden.find("aal2-g726-16")).containsSame(aal2);
        assertThat(overridden.find("G726")).containsSame(aal2);
        assertThat(overridden.find("PCMU")).isEqualTo(standard.find("PCMU"));
        assertThat(overridden.find("H264")).isEqualTo(standard.find("H264"));
        assertThat(standard.find("G726-32").orElseThrow()).isNotSameAs(aal2);
    }

    @Test
    void with_formatForNewNames_addsThem() {
        PayloadFormats pcmuOnly = new PayloadFormats(List.of(G711PayloadFormat.pcmu()));

        PayloadFormats both = pcmuOnly.with(G711PayloadFormat.pcma());

        assertThat(both.find("PCMA")).isPresent();
        assertThat(both.find("PCMU")).isPresent();
        assertThat(pcmuOnly.find("PCMA")).isEmpty();
    }
}
