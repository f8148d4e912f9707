package io.gscam.nvr.config;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static io.gscam.testkit.FuzzChecks.check;

/** The NVR's YAML configuration under arbitrary text: a configuration or a ConfigException naming the file. */
class ConfigLoaderFuzzTest {

    @FuzzTest
    void parse_arbitraryText_givesAConfigOrConfigException(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        try {
            NvrConfig config = ConfigLoader.parse(yaml, "fuzz.yaml");
            check(config.data() != null, "config without data directory");
            check(config.cameras() != null, "config without cameras");
        } catch (ConfigException expected) {
            check(expected.getMessage().startsWith("fuzz.yaml"), "message does not name the file: " + expected.getMessage());
        }
    }
}
