package io.tidewise.cli.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/** What the embedded servers of the platform and the benchmarks share: loopback ports and work folders. */
public final class Loopback {
    private Loopback() {}

    /** A port free on the loopback interface right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A MiniCluster configuration with every endpoint on loopback (the BLOB server and RPC would bind 0.0.0.0
     * otherwise) and its REST API on {@code restPort}.
     */
    public static Configuration miniClusterConfiguration(int restPort) {
        Configuration configuration = new Configuration();
        configuration.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        configuration.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        configuration.set(TaskManagerOptions.HOST, "127.0.0.1");
        configuration.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        configuration.set(RestOptions.ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.PORT, restPort);
        return configuration;
    }
}
