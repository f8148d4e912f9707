package io.gscam.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChecksTest {

    @Test
    void nonNull_allPresent_passes() {
        assertThatCode(() -> Checks.nonNull("a", 1, "b", "x")).doesNotThrowAnyException();
        assertThatCode(Checks::nonNull).doesNotThrowAnyException();
    }

    @Test
    void nonNull_namesTheFirstNullValue_asRequireNonNullDoes() {
        assertThatThrownBy(() -> Checks.nonNull("a", 1, "b", null, "c", null))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("b");
    }

    @Test
    void nonNull_argumentsNotInNameValuePairs_isAProgrammingError() {
        assertThatThrownBy(() -> Checks.nonNull("a", 1, "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
        assertThatThrownBy(() -> Checks.nonNull(1, "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a name");
    }
}
