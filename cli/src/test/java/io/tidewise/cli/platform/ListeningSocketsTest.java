package io.tidewise.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Reading listeners from /proc: the kernel's address notation, and a socket this JVM opens is found. */
class ListeningSocketsTest {
    @Test
    void readsTheKernelsAddressNotation() throws Exception {
        assertThat(ListeningSockets.parse("0100007F:1F90").toString()).isEqualTo("127.0.0.1:8080");
        assertThat(ListeningSockets.parse("0100007F:1F90").isLoopback()).isTrue();
        assertThat(ListeningSockets.parse("00000000:07E8").isLoopback()).isFalse();
        assertThat(ListeningSockets.parse("00000000000000000000000001000000:0050").isLoopback()).isTrue();
        assertThat(ListeningSockets.parse("0000000000000000FFFF00000100007F:B39A").isLoopback()).isTrue();
        assertThat(ListeningSockets.parse("00000000000000000000000000000000:0050").isLoopback()).isFalse();
    }

    @Test
    void findsTheSocketsThisJvmListensOn() throws Exception {
        try (ServerSocket loopback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket everywhere = new ServerSocket(0)) {
            assertThat(ListeningSockets.ofThisProcessAndItsChildren())
                    .anySatisfy(listener -> {
                        assertThat(listener.port()).isEqualTo(loopback.getLocalPort());
                        assertThat(listener.isLoopback()).isTrue();
                    })
                    .anySatisfy(listener -> {
                        assertThat(listener.port()).isEqualTo(everywhere.getLocalPort());
                        assertThat(listener.isLoopback()).isFalse();
                    });
        }
    }
}
