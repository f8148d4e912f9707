package io.gscam.nvr.config;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The NVR's YAML configuration under arbitrary text: a configuration or a ConfigException naming the file. */
class ConfigLoaderFuzzTest {

    @FuzzTest
    void parse_arbitraryText_givesAConfigOrConfigException(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        try {
            NvrConfig config = ConfigLoader.parse(yaml, "fuzz.yaml");
            assertThat(config.data()).isNotNull();
            assertThat(config.cameras()).isNotNull();
        } catch (ConfigException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz.yaml");
        }
    }
}
