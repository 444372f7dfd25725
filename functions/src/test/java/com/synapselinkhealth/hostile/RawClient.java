package com.synapselinkhealth.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Raw sockets for the hostile tests: from a chosen loopback address, byte for byte, reading what comes back. */
final class RawClient {
    private RawClient() {
    }

    /** A connection to {@code baseUrl} from {@code fromAddress} (any 127.x.y.z: Linux routes the whole block to lo). */
    static Socket connect(String baseUrl, String fromAddress) throws IOException {
        URI base = URI.create(baseUrl);
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(fromAddress, 0));
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        socket.setSoTimeout(15_000);
        return socket;
    }

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Everything the server sends until it closes (or {@code waitMillis} pass without a byte); "" when nothing. */
    static String readAll(Socket socket, int waitMillis) throws IOException {
        socket.setSoTimeout(waitMillis);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // nothing more within the wait
        } catch (IOException e) {
            if (out.size() == 0) {
                return "(reset: " + e.getMessage() + ")";
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Whether the server closed the connection (end of stream or reset) within {@code waitMillis}. */
    static boolean closedWithin(Socket socket, int waitMillis) throws IOException {
        socket.setSoTimeout(waitMillis);
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (in.read(buffer) != -1) {
                // what the server says before closing (a 408) is fine
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
