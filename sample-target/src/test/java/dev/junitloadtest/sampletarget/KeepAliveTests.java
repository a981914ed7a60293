package dev.junitloadtest.sampletarget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Many keep-alive connections stay open between requests, as against Go: the JDK's default would close every
 * connection that goes idle while 200 others are (see {@code ServerLimits}).
 */
class KeepAliveTests {

    private static final int CONNECTIONS = 1_000;

    @AutoClose
    final SampleTarget target = SampleTarget.start();

    private final List<RawConnection> connections = new ArrayList<>();

    @AutoClose
    final AutoCloseable closeConnections = () -> {
        for (RawConnection connection : connections) {
            connection.close();
        }
    };

    @Test
    void thousandIdleConnectionsServeTheirNextRequest() throws IOException {
        for (int i = 0; i < CONNECTIONS; i++) {
            RawConnection connection = new RawConnection(target.baseUri());
            connections.add(connection);
            connection.send("GET", "/");
            connection.read(false);
        }
        // All of them are idle now; each must still answer on the same connection.
        int served = 0;
        for (RawConnection connection : connections) {
            connection.send("GET", "/");
            if (connection.read(false).body().equals("Server OK")) {
                served++;
            }
        }

        assertThat(served).isEqualTo(CONNECTIONS);
        assertThat(target.requestsServed()).isEqualTo(2L * CONNECTIONS);
    }
}
