package io.gscam.client;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A client for one test and what the test opened beside it (sessions, fake or emulated cameras,
 * sockets), closed after the test: the client first, then the rest, last opened first.
 * {@code @RegisterExtension final ClientFixture fixture = new ClientFixture(1);}
 */
public final class ClientFixture implements AfterEachCallback {
    private final GsCamClient client;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public ClientFixture(int ioThreads) {
        this.client = GsCamClient.builder().ioThreads(ioThreads).build();
    }

    public GsCamClient client() {
        return client;
    }

    /** Closes {@code c} after the test; returns it. */
    public <T extends AutoCloseable> T closeAfter(T c) {
        closeables.add(c);
        return c;
    }

    /** A scripted fake camera, closed after the test. */
    FakeRtspServer server(FakeRtspServer.Script script) throws IOException {
        return closeAfter(new FakeRtspServer(script));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        client.close();
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }
}
