package io.gscam.protocol;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ParseExceptionTest {

    @Test
    void message_namesTheReasonAndTheOffset_withoutAStackTrace() {
        ParseException e = new ParseException("CSeq is not a number", 17);
        assertThat(e.getMessage()).isEqualTo("CSeq is not a number (at offset 17)");
        assertThat(e.reason()).isEqualTo("CSeq is not a number");
        assertThat(e.offset()).isEqualTo(17);
        assertThat(e.getStackTrace()).as("a failure costs no stack walk").isEmpty();
        assertThat(e.getCause()).isNull();
    }

    @Test
    void cause_isKept() {
        IOException cause = new IOException("truncated");
        ParseException e = new ParseException("box past the end", 4096, cause);
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.getStackTrace()).isEmpty();
        e.addSuppressed(new IllegalStateException("also"));
        assertThat(e.getSuppressed()).hasSize(1);
    }
}
