package com.synapselinkhealth.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.config.HttpLimits;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP front on its own, over real sockets, with a handler that echoes what it received. */
@Timeout(60)
class GuardedHttpServerTest {
    private GuardedHttpServer server;

    @BeforeEach
    void start() throws Exception {
        HttpLimits limits = new HttpLimits(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(5), 100, 50, 4096, 1 << 20, 4, 16, Duration.ofSeconds(1), 1 << 20);
        server = new GuardedHttpServer(new InetSocketAddress("127.0.0.1", 0), limits, 1000, request -> {
            String echo = request.method() + " " + request.rawPath() + (request.rawQuery() == null ? "" : "?" + request.rawQuery())
                + " " + request.bodyState() + " " + request.declaredLength() + " ["
                + (request.body() == null ? "-" : new String(request.body(), StandardCharsets.ISO_8859_1)) + "]";
            return new RawResponse(200, Map.of("Content-Type", "text/plain", "X-Evil", "a\r\nInjected: yes"),
                echo.getBytes(StandardCharsets.ISO_8859_1));
        }, (status, type, title, detail) -> new RawResponse(status, Map.of("Content-Type", "application/problem+json"),
            ("{\"type\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8))).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", server.address().getPort());
        s.setSoTimeout(5_000);
        return s;
    }

    /** What comes back until the server closes or {@code waitMillis} pass in silence. */
    private static String read(Socket s, int waitMillis) throws Exception {
        s.setSoTimeout(waitMillis);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] b = new byte[4096];
        try {
            for (int n; (n = in.read(b)) != -1; ) {
                out.write(b, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // silence: done
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static List<String> bodies(String responses) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("Content-Length: (\\d+)\r\n(?:[^\r\n]+\r\n)*\r\n").matcher(responses);
        int at = 0;
        while (m.find(at)) {
            int length = Integer.parseInt(m.group(1));
            found.add(responses.substring(m.end(), m.end() + length));
            at = m.end() + length;
        }
        return found;
    }

    private static final String PIPELINE = "GET /a?x=1 HTTP/1.1\r\nHost: h\r\n\r\n"
        + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
        + "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n"
        + "GET /d HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
    private static final List<String> EXPECTED = List.of("GET /a?x=1 COMPLETE 0 []", "POST /b COMPLETE 5 [hello]",
        "POST /c COMPLETE 5 [abcde]", "GET /d COMPLETE 0 []");

    @Test
    void pipelinedRequestsOfEveryFramingAreAnsweredInOrder() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(PIPELINE.getBytes(StandardCharsets.ISO_8859_1));
            String answers = read(s, 3_000);
            assertEquals(EXPECTED, bodies(answers), answers);
            assertTrue(answers.contains("X-Evil: a  Injected: yes\r\n"), "no header injection: " + answers);
            assertTrue(answers.endsWith("[]") && answers.contains("Connection: close"), answers);
        }
    }

    /** Property: however the bytes are cut into writes, the same requests are read and answered the same. */
    @Test
    void anySplitOfTheByteStreamGivesTheSameAnswers() throws Exception {
        Random random = new Random(20261206);
        byte[] bytes = PIPELINE.getBytes(StandardCharsets.ISO_8859_1);
        for (int run = 0; run < 25; run++) {
            try (Socket s = connect()) {
                s.setTcpNoDelay(true);
                OutputStream out = s.getOutputStream();
                for (int at = 0; at < bytes.length; ) {
                    int n = Math.min(bytes.length - at, 1 + random.nextInt(run % 5 == 0 ? 3 : 40));
                    out.write(bytes, at, n);
                    out.flush();
                    at += n;
                    if (random.nextInt(4) == 0) {
                        Thread.sleep(1);
                    }
                }
                assertEquals(EXPECTED, bodies(read(s, 3_000)), "run " + run);
            }
        }
    }

    @Test
    void malformedRequestsAreRefusedWithTheRightStatus() throws Exception {
        Map<String, String> cases = Map.of(
            "BAD\r\n\r\n", "400",
            "GET /x HTTP/2.0\r\n\r\n", "505",
            "GET /%zz HTTP/1.1\r\n\r\n", "400",
            "POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", "400",
            "POST /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n", "400",
            "POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", "400",
            "POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "501",
            "GET /x HTTP/1.1\r\n folded: header\r\n\r\n", "400",
            "GET /x HTTP/1.1\r\nX-Big: " + "b".repeat(5000) + "\r\n\r\n", "431",
            "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "400");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            try (Socket s = connect()) {
                s.getOutputStream().write(c.getKey().getBytes(StandardCharsets.ISO_8859_1));
                String answer = read(s, 3_000);
                assertTrue(answer.startsWith("HTTP/1.1 " + c.getValue() + " "), c.getKey().substring(0,
                    Math.min(40, c.getKey().length())) + " -> " + answer);
                assertTrue(answer.contains("application/problem+json"), answer);
            }
        }
    }

    @Test
    void aBodyOverTheLimitIsHandedOnUnreadAndTheClientReadsTheAnswer() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write("POST /big HTTP/1.1\r\nContent-Length: 200000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[200_000]);
            String answer = read(s, 3_000);
            assertTrue(answer.contains("POST /big TOO_LARGE 200000 [-]"), answer);
            assertTrue(answer.contains("Connection: close"), answer);
        }
    }

    @Test
    void expectContinueGetsA100BeforeTheBodyAndHttp10Closes() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("POST /e HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
            byte[] head = s.getInputStream().readNBytes(25);
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(head, StandardCharsets.ISO_8859_1));
            s.getOutputStream().write("ok".getBytes(StandardCharsets.ISO_8859_1));
            String answer = read(s, 1_000);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("[ok]"), answer);
        }
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /old HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String answer = read(s, 3_000);
            assertTrue(answer.contains("Connection: close") && answer.endsWith("[]"), answer);
        }
    }

    @Test
    void aBodyCutShortByTheClientIsHandedOnAsIncomplete() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("POST /short HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1));
            s.shutdownOutput();
            String answer = read(s, 3_000);
            assertTrue(answer.contains("POST /short INCOMPLETE 10 [-]"), answer);
        }
    }
}
