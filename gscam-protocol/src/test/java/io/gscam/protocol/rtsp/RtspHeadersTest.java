package io.gscam.protocol.rtsp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtspHeadersTest {

    @Test
    void get_ignoresCaseAndReturnsTheFirstValue() {
        RtspHeaders h = RtspHeaders.of("CSeq", "1", "Public", "OPTIONS", "public", "PLAY");
        assertThat(h.get("cseq")).contains("1");
        assertThat(h.get("PUBLIC")).contains("OPTIONS");
        assertThat(h.get("Session")).isEmpty();
        assertThat(h.contains("CSEQ")).isTrue();
        assertThat(h.contains("Range")).isFalse();
    }

    @Test
    void getAll_returnsRepeatedFieldsInOrder() {
        RtspHeaders h = RtspHeaders.of("Public", "OPTIONS", "CSeq", "1", "PUBLIC", "PLAY");
        assertThat(h.getAll("public")).containsExactly("OPTIONS", "PLAY");
        assertThat(h.getAll("Session")).isEmpty();
    }

    @Test
    void set_replacesTheFirstInPlaceWithTheNewSpellingAndRemovesTheRest() {
        RtspHeaders h = RtspHeaders.of("A", "1", "x-thing", "old", "B", "2", "X-THING", "older").toBuilder()
                .set("X-Thing", "new").build();
        assertThat(h.asList()).containsExactly(new RtspHeader("A", "1"), new RtspHeader("X-Thing", "new"),
                new RtspHeader("B", "2"));
    }

    @Test
    void set_appendsWhenAbsent_addKeepsDuplicates_removeDropsAllSpellings() {
        RtspHeaders h = RtspHeaders.builder().set("CSeq", "1").add("Via", "a").add("via", "b").build();
        assertThat(h.asList()).extracting(RtspHeader::name).containsExactly("CSeq", "Via", "via");
        assertThat(h.toBuilder().remove("VIA").build()).isEqualTo(RtspHeaders.of("CSeq", "1"));
    }

    @Test
    void builder_doesNotChangeTheHeadersItCameFrom() {
        RtspHeaders original = RtspHeaders.of("CSeq", "1");
        original.toBuilder().set("CSeq", "2").add("X", "y");
        assertThat(original).isEqualTo(RtspHeaders.of("CSeq", "1"));
        assertThat(original.asList()).isUnmodifiable();
    }

    @Test
    void equals_isExact_spellingAndOrderMatter() {
        assertThat(RtspHeaders.of("CSeq", "1")).isEqualTo(RtspHeaders.of("CSeq", "1"))
                .hasSameHashCodeAs(RtspHeaders.of("CSeq", "1"));
        assertThat(RtspHeaders.of("CSeq", "1")).isNotEqualTo(RtspHeaders.of("cseq", "1"));
        assertThat(RtspHeaders.of("A", "1", "B", "2")).isNotEqualTo(RtspHeaders.of("B", "2", "A", "1"));
        assertThat(RtspHeaders.builder().build()).isSameAs(RtspHeaders.EMPTY);
    }

    @Test
    void value_isTrimmedOfSpacesAndTabs() {
        assertThat(new RtspHeader("X", " \tv w \t").value()).isEqualTo("v w");
    }

    @Test
    void invalidNamesAndValues_areRejected() {
        assertThatThrownBy(() -> new RtspHeader("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtspHeader("A B", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtspHeader("A:B", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtspHeader("X", "a\r\nInjected: 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtspHeader("X", "a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtspHeader("X", "\uD800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtspHeaders.of("odd")).isInstanceOf(IllegalArgumentException.class);
    }
}
