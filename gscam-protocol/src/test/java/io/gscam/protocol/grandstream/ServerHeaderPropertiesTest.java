package io.gscam.protocol.grandstream;

import io.gscam.protocol.ParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

class ServerHeaderPropertiesTest {
    @Property(tries = 300)
    void serverHeader_parseFormat_isIdentity(@ForAll @IntRange(min = 1, max = 99999) int w, @ForAll @IntRange(min = 1, max = 99999) int h,
                                             @ForAll @IntRange(min = 1, max = 9999) int fps, @ForAll @IntRange(min = 1, max = 9999999) int kbps)
            throws ParseException {
        StreamInfo info = new StreamInfo(w, h, fps, kbps);

        assertThat(ServerHeader.parseStreamInfo(ServerHeader.format(info))).contains(info);
    }
}
