package io.gscam.media.container;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * What the container interop tests start from: a temporary directory for their files and the
 * access units of {@link TestMedia#h264}, made once per test class (skipped without ffmpeg).
 */
abstract class H264InputTestBase {
    @TempDir
    static Path dir;
    static List<AccessUnit> video;

    @BeforeAll
    static void makeInputs() throws Exception {
        video = TestMedia.h264AccessUnits(dir);
    }
}
