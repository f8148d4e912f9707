package io.gscam.protocol.grandstream;

import io.gscam.testkit.Generators;
import io.gscam.protocol.ParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ServerHeaderPropertiesTest {
    static Stream<StreamInfo> streamInfos() {
        return Generators.cases(300, r -> new StreamInfo(Generators.between(r, 1, 99999), Generators.between(r, 1, 99999),
                Generators.between(r, 1, 9999), Generators.between(r, 1, 9999999)));
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("streamInfos")
    void serverHeader_parseFormat_isIdentity(StreamInfo info) throws ParseException {
        assertThat(ServerHeader.parseStreamInfo(ServerHeader.format(info))).contains(info);
    }
}
