package io.gscam.client.internal.session;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class UdpSourceFilterTest {
    private static InetSocketAddress from(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void accepts_theCameraFromAnyPort_andNamedSources_notOthers() throws Exception {
        UdpSourceFilter filter = new UdpSourceFilter("cam");
        filter.camera(InetAddress.getByName("192.168.1.10"));
        filter.addSource(InetAddress.getByName("192.168.1.11"));

        assertThat(filter.accepts(from("192.168.1.10", 6970))).isTrue();
        assertThat(filter.accepts(from("192.168.1.10", 40000))).isTrue();
        assertThat(filter.accepts(from("192.168.1.11", 6970))).isTrue();
        assertThat(filter.accepts(from("192.168.1.66", 6970))).isFalse();
        assertThat(filter.accepts(from("192.168.1.67", 6970))).isFalse();
        assertThat(filter.foreignDatagrams()).isEqualTo(2);
    }
}
