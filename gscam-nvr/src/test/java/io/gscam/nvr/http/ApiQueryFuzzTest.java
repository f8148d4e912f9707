package io.gscam.nvr.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.nvr.http.ApiQuery.BadRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static io.gscam.testkit.FuzzChecks.check;
import static io.gscam.testkit.FuzzChecks.checkBetween;
import static io.gscam.testkit.FuzzChecks.checkEqual;
import static io.gscam.testkit.FuzzChecks.checkNotBlank;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API's query parameters under arbitrary request URIs: values or a 4xx with a reason, nothing else. */
class ApiQueryFuzzTest {

    /** The input is what follows {@code /get?} in the request line, as UTF-8. */
    @FuzzTest
    void arbitraryQuery_givesValuesOrBadRequest(byte[] input) {
        QueryStringDecoder uri = new QueryStringDecoder("/get?" + new String(input, StandardCharsets.UTF_8));
        ApiQuery q;
        try {
            q = ApiQuery.of(uri);
        } catch (BadRequest e) {
            assertRefused(e);
            return;
        }
        checkEqual(q.path(), "/get", "the path");
        try {
            check(q.cameraName() != null, "a camera name or BadRequest");
        } catch (BadRequest e) {
            assertRefused(e);
        }
        Instant start = null;
        for (String name : new String[] {"start", "end"}) {
            try {
                Instant t = q.time(name);
                if (t != null) {
                    t.toEpochMilli(); // what the index stores: must not overflow
                    start = t;
                }
            } catch (BadRequest e) {
                assertRefused(e);
            }
        }
        try {
            Duration d = q.duration();
            if (d.isNegative() || d.isZero() || d.compareTo(ApiQuery.MAX_GET) > 0) {
                throw new AssertionError("a duration not in (0, MAX_GET]: " + d);
            }
            if (start != null) {
                start.plus(d).toEpochMilli();
            }
        } catch (BadRequest e) {
            assertRefused(e);
        }
        try {
            check(q.format() != null, "a format or BadRequest");
        } catch (BadRequest e) {
            assertRefused(e);
        }
    }

    @Test
    void time_expandedYear_isRefusedNotOverflowedInTheIndex() throws BadRequest {
        ApiQuery q = ApiQuery.of(new QueryStringDecoder("/list?camera=a&start=%2B999999999-12-31T00:00:00Z"));
        assertThatThrownBy(() -> q.time("start")).isInstanceOf(BadRequest.class).hasMessageContaining("RFC 3339");
        assertThat(ApiQuery.of(new QueryStringDecoder("/list?start=2026-01-05T10:15:00 01:00")).time("start"))
                .isEqualTo(Instant.parse("2026-01-05T09:15:00Z"));
    }

    @Test
    void duration_belowANanosecond_isRefusedNotZero() throws BadRequest {
        // Found by fuzzing (input duration-below-a-nanosecond): 052e-64 s is above 0 but was PT0S.
        assertThatThrownBy(() -> ApiQuery.of(new QueryStringDecoder("/get?camera=a&duration=052e-64")).duration())
                .isInstanceOf(BadRequest.class).hasMessageContaining("above 0");
        assertThat(ApiQuery.of(new QueryStringDecoder("/get?camera=a&duration=0.5")).duration()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void of_malformedPercentEscape_isBadRequest() {
        assertThatThrownBy(() -> ApiQuery.of(new QueryStringDecoder("/list?camera=%zz")))
                .isInstanceOf(BadRequest.class).hasMessageContaining("malformed URI");
        assertThatThrownBy(() -> ApiQuery.of(new QueryStringDecoder("/%e")))
                .isInstanceOf(BadRequest.class);
    }

    private static void assertRefused(BadRequest e) {
        checkBetween(e.status.code(), 400, 499, "the status");
        checkNotBlank(e.getMessage(), "the reason");
    }
}
