package io.millrace.devcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks loopback ports for the dev cluster's listeners. */
final class LocalPorts {

    private LocalPorts() {
    }

    /**
     * The given ports, each 0 replaced by a currently free port, all distinct: the sockets stay open until
     * every port is picked, so the system cannot hand the same ephemeral port out twice.
     */
    static int[] resolveAll(int... ports) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] resolved = ports.clone();
            for (int i = 0; i < resolved.length; i++) {
                if (resolved[i] == 0) {
                    ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    held.add(socket);
                    resolved[i] = socket.getLocalPort();
                }
            }
            return resolved;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            held.forEach(LocalPorts::closeQuietly);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // a probe socket that fails to close holds its port a little longer: nothing to do
        }
    }

    /** The given port, or a currently free one when it is 0. */
    static int resolve(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
