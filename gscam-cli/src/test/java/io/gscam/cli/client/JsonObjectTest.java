package io.gscam.cli.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonObjectTest {
    @Test
    void quote_escapesQuotesBackslashesAndControlCharacters() {
        assertThat(JsonObject.quote("a\"b\\c\nd\re\tf\u0001g\u2028")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u2028\"");
    }

    @Test
    void numbers_integralWithoutFraction_othersToThreeDecimals_nanAsNull() {
        assertThat(JsonObject.number(30.0)).isEqualTo("30");
        assertThat(JsonObject.number(29.97002997)).isEqualTo("29.97");
        assertThat(JsonObject.number(0.5)).isEqualTo("0.5");
        assertThat(JsonObject.number(Double.NaN)).isEqualTo("null");
    }

    @Test
    void object_keepsFieldOrder_withNestedArrays() {
        String json = new JsonObject().add("server", "GrandStream Rtsp Server 704*480*30*1024").add("sessionTimeout", 120)
                .add("tracks", List.of(new JsonObject().add("type", "video").add("fps", 30.0), new JsonObject().add("ok", true)))
                .add("none", (String) null)
                .toString();

        assertThat(json).isEqualTo("{\"server\":\"GrandStream Rtsp Server 704*480*30*1024\",\"sessionTimeout\":120,"
                + "\"tracks\":[{\"type\":\"video\",\"fps\":30},{\"ok\":true}],\"none\":null}");
    }

    @Test
    void redact_removesUserInfoFromEveryRtspUrl() {
        assertThat(CameraFailures.redact("DESCRIBE rtsp://admin:s3cr%40t@10.0.0.5:554/0 failed, RTSP://u@h/1"))
                .isEqualTo("DESCRIBE rtsp://10.0.0.5:554/0 failed, RTSP://h/1");
    }
}
