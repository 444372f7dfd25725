package com.synapselinkhealth.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.HttpLimits;
import com.synapselinkhealth.config.InputLimits;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.local.LocalServerAccess;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.EventQuery;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.text.VisibleText;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile suite against {@code serve}'s HTTP front, over real sockets on loopback: slowloris on headers and
 * bodies, idle connections, many connections from one address, a full global cap, a large body written before
 * reading, floods of subscriptions and of over-long columns, names with control and bidi characters. In each, a
 * legitimate request is answered within a few seconds during and after the attack, and every good callback sent
 * meanwhile raises its event. Attackers connect from 127.0.0.2 and up (Linux routes all of 127/8 to loopback), the
 * legitimate client from 127.0.0.1, except where one address is the point.
 */
@Timeout(120)
class HostileClientsTest {
    private static final String KEY = "hostile-test-key-0123456789";
    /** "Within a few seconds": generous, for a loaded 2-core machine; the measured numbers are in docs/reliability.md. */
    private static final long QUICK_MILLIS = 5_000;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<HealthEvent> raised = new CopyOnWriteArrayList<>();
    private LinkHealth app;
    private LocalServerAccess server;
    private int good;

    private void start(Map<String, String> extra) throws Exception {
        start(extra, false);
    }

    private void start(Map<String, String> extra, boolean localCallbacks) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
            HttpLimits.HEADER_TIMEOUT_SECONDS, "2", HttpLimits.BODY_TIMEOUT_SECONDS, "3",
            HttpLimits.IDLE_TIMEOUT_SECONDS, "2", HttpLimits.LINGER_SECONDS, "2"));
        settings.putAll(extra);
        app = LinkHealth.inMemory(Settings.of(settings), Clock.systemUTC(), raised::add, localCallbacks);
        server = LocalServerAccess.start(app, KEY);
        closing.add(server);
        closing.add(app);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private Socket attacker(int n) throws Exception {
        Socket s = RawClient.connect(server.baseUrl(), "127.0.0." + (2 + n % 200));
        closing.add(s);
        return s;
    }

    /** A legitimate request (health, then a good callback) answered quickly; returns the milliseconds it took. */
    private long legitimate() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/health"))
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        byte[] callback = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, new UUID(12, ++good))
            .target("syncstate", CallbackBuilder.option(8)).preImage("syncstate", CallbackBuilder.option(2))
            .unchanged("entityname", "table" + good).build();
        HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/api/dataverse/webhook")).header("x-functions-key", KEY).header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(callback)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < QUICK_MILLIS, "a legitimate request took " + millis + " ms");
        return millis;
    }

    /** Nothing lost: every good callback sent raised its TableSyncFailed. */
    private void everyGoodCallbackRaisedItsEvent() throws Exception {
        assertTrue(server.awaitIdle(20_000));
        long failed = app.stores().events().query(EventQuery.latest(10_000)).stream()
            .filter(e -> e.name().equals(HealthEventName.TableSyncFailed)).count();
        assertEquals(good, failed, "good callbacks " + good + ", events " + failed);
    }

    private static void report(String what, Object... values) {
        System.out.println("[hostile] " + what + " " + java.util.Arrays.toString(values));
    }

    @Test
    void slowHeadersHoldNoThreadAndTimeOut() throws Exception {
        start(Map.of());
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Socket s = attacker(i);
            RawClient.send(s, "POST /api/dataverse/webhook HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            slow.add(s);
        }
        long worst = 0;
        for (int round = 0; round < 6; round++) { // a byte from each every 300 ms, while legitimate requests go on
            for (Socket s : slow) {
                try {
                    RawClient.send(s, "a");
                } catch (java.io.IOException e) {
                    // closed by the server's header timeout: that is the point
                }
            }
            worst = Math.max(worst, legitimate());
            Thread.sleep(300);
        }
        int closed = 0;
        for (Socket s : slow) {
            closed += RawClient.closedWithin(s, 4_000) ? 1 : 0;
        }
        assertEquals(slow.size(), closed, "every slow header connection is closed by the header timeout");
        report("slow headers: connections, worst legitimate ms, counters", slow.size(), worst, server.counters());
        legitimate();
        everyGoodCallbackRaisedItsEvent();
    }

    @Test
    void aDeclaredBodyThatNeverArrivesTimesOutWith408() throws Exception {
        start(Map.of());
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Socket s = attacker(i);
            RawClient.send(s, "POST /api/dataverse/webhook?code=" + KEY + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 200000\r\n\r\n{\"a\":");
            slow.add(s);
        }
        long worst = 0;
        for (int i = 0; i < 5; i++) {
            worst = Math.max(worst, legitimate());
        }
        for (Socket s : slow) {
            String answer = RawClient.readAll(s, 8_000);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("application/problem+json") && answer.contains("did not arrive"), answer);
        }
        report("slow bodies: connections, worst legitimate ms, counters", slow.size(), worst, server.counters());
        legitimate();
        everyGoodCallbackRaisedItsEvent();
    }

    @Test
    void idleKeepAliveConnectionsAreClosed() throws Exception {
        start(Map.of());
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Socket s = attacker(i);
            RawClient.send(s, "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
            idle.add(s);
        }
        for (Socket s : idle) {
            byte[] head = new byte[12];
            s.getInputStream().readNBytes(head, 0, 12);
            assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
        }
        legitimate();
        Thread.sleep(2_500);
        for (Socket s : idle) {
            assertTrue(RawClient.closedWithin(s, 3_000), "an idle keep-alive connection is closed after the idle timeout");
        }
        assertTrue(server.openConnections() < 10, "open: " + server.openConnections());
        legitimate();
        everyGoodCallbackRaisedItsEvent();
    }

    @Test
    void manyConnectionsFromOneAddressCannotCrowdOutThatAddress() throws Exception {
        start(Map.of());
        int cap = HttpLimits.DEFAULT.maxConnectionsPerClient();
        List<Socket> crowd = new ArrayList<>();
        for (int i = 0; i < 4 * cap; i++) {
            Socket s = RawClient.connect(server.baseUrl(), "127.0.0.1"); // the legitimate client's own address
            closing.add(s);
            crowd.add(s);
        }
        Thread.sleep(300);
        assertTrue(server.openConnections() <= cap + 2, "open: " + server.openConnections());
        long worst = 0;
        for (int i = 0; i < 5; i++) {
            worst = Math.max(worst, legitimate()); // the oldest waiting connections give way
        }
        report("one address: connections opened, cap, worst legitimate ms, counters", crowd.size(), cap, worst,
            server.counters());
        everyGoodCallbackRaisedItsEvent();
    }

    @Test
    void pastTheGlobalCapNewConnectionsGet503WithRetryAfter() throws Exception {
        start(Map.of(HttpLimits.MAX_CONNECTIONS, "20"));
        List<Socket> busy = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // receiving bodies: connections that cannot give way
            Socket s = attacker(i);
            RawClient.send(s, "POST /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{");
            busy.add(s);
        }
        Thread.sleep(300);
        Socket late = attacker(99);
        String answer = RawClient.readAll(late, 5_000);
        assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
        assertTrue(answer.contains("Retry-After: "), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
        for (Socket s : busy) {
            assertTrue(RawClient.readAll(s, 6_000).startsWith("HTTP/1.1 408")); // their body timeout frees the slots
        }
        legitimate();
        everyGoodCallbackRaisedItsEvent();
    }

    @Test
    void aLargeBodyWrittenBeforeReadingGetsThe413NotAReset() throws Exception {
        start(Map.of());
        byte[] body = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'x');
        for (boolean chunked : new boolean[] {false, true}) {
            try (Socket s = RawClient.connect(server.baseUrl(), "127.0.0.2")) {
                OutputStream out = s.getOutputStream();
                String head = "POST /api/dataverse/webhook HTTP/1.1\r\nHost: x\r\nx-functions-key: " + KEY
                    + "\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length) + "\r\n"
                        : "Content-Length: " + body.length + "\r\n\r\n");
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body); // the whole body before reading anything
                out.write(chunked ? "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[0]);
                out.flush();
                String answer = RawClient.readAll(s, 10_000);
                assertTrue(answer.startsWith("HTTP/1.1 413"), (chunked ? "chunked: " : "") + answer);
                assertTrue(answer.contains("application/problem+json") && answer.contains("\"deadLetterId\""), answer);
            }
        }
        legitimate();
        everyGoodCallbackRaisedItsEvent();
    }

    @Test
    void aFloodOfSubscriptionsStopsAtTheCapWithAProblem() throws Exception {
        start(Map.of(InputLimits.MAX_SUBSCRIPTIONS, "100"), true);
        int created = 0;
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/subscriptions"))
                .header("x-functions-key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"callbackUrl\":\"http://127.0.0.1:9/"
                    + "workflows/" + i + "/triggers/manual/paths/invoke?sig=s" + i + "\",\"profile\":\"p" + i + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                created++;
            } else {
                assertEquals(409, r.statusCode(), r.body());
                assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
                assertTrue(r.body().contains("LINKHEALTH_MAX_SUBSCRIPTIONS"), r.body());
                refused++;
            }
            if (i % 100 == 0) {
                legitimate();
            }
        }
        assertEquals(100, created);
        assertEquals(300, refused);
        assertEquals(100, app.subscriptions().list().size());
        HttpResponse<String> tooLong = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/subscriptions"))
            .header("x-functions-key", KEY).POST(HttpRequest.BodyPublishers.ofString("{\"callbackUrl\":\"https://x.example/\","
                + "\"table\":\"" + "t".repeat(5000) + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(422, tooLong.statusCode(), tooLong.body());
        everyGoodCallbackRaisedItsEvent();
    }

    @Test
    void overLongColumnsAreRefusedAndTheStatusPageStaysSmall() throws Exception {
        start(Map.of());
        for (int i = 0; i < 300; i++) {
            byte[] callback = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, new UUID(77, i))
                .target("syncstate", CallbackBuilder.option(8)).preImage("syncstate", CallbackBuilder.option(2))
                .unchanged("entityname", "contact").target("name", "n".repeat(20_000)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/api/dataverse/webhook")).header("x-functions-key", KEY).POST(HttpRequest.BodyPublishers
                .ofByteArray(callback)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().contains("at most 100"), r.body());
            if (i % 100 == 0) {
                legitimate();
            }
        }
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/status"))
            .header("x-functions-key", KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().length() < 200_000, "status page " + page.body().length() + " characters");
        everyGoodCallbackRaisedItsEvent();
    }

    @Test
    void aProfileWithAThousandTablesIsPagedNotServedWhole() throws Exception {
        start(Map.of());
        UUID profile = UUID.randomUUID();
        for (int i = 0; i < 1_000; i++) {
            CallbackBuilder table = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, new UUID(88, i))
                .unchanged("entityname", String.format("t%04d_", i) + "n".repeat(120))
                .unchanged("profile", CallbackBuilder.ref("synapselinkprofile", profile, "Big Lake"));
            if (i % 100 == 7) {
                table.target("syncstate", CallbackBuilder.option(8)).preImage("syncstate", CallbackBuilder.option(2));
            } else {
                table.target("syncstate", CallbackBuilder.option(4));
            }
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/api/dataverse/webhook")).header("x-functions-key", KEY).POST(HttpRequest.BodyPublishers
                .ofByteArray(table.build())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, r.statusCode(), r.body());
        }
        assertTrue(server.awaitIdle(60_000));
        long t0 = System.nanoTime();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/status?code="
            + KEY)).build(), HttpResponse.BodyHandlers.ofString());
        long pageMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Showing 500 of 1000 tables"), "says what is left out");
        assertTrue(page.body().contains("?profile=" + profile + "&amp;from=0"), "links to the rest");
        for (int i = 7; i < 1_000; i += 100) {
            assertTrue(page.body().contains(String.format("t%04d_", i)), "every failing table is on the page: " + i);
        }
        HttpResponse<String> second = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/status?code="
            + KEY + "&profile=" + profile + "&from=500")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(second.body().contains("Tables 501 to 1000 of 1000") && second.body().contains("t0999_"),
            "the second page holds the rest");
        HttpResponse<String> json = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/status?code="
            + KEY + "&format=json")).build(), HttpResponse.BodyHandlers.ofString());
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(json.body());
        assertEquals(500, root.path("profiles").get(0).path("tables").size());
        com.fasterxml.jackson.databind.JsonNode more = root.path("moreTables").get(0);
        assertEquals(1000, more.path("tablesTotal").asInt());
        assertEquals("?format=json&profile=" + profile + "&from=0", more.path("next").asText());
        HttpResponse<String> bad = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/status?code="
            + KEY + "&profile=nope")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        report("1,000 tables in one profile: page characters, JSON characters, ms", page.body().length(),
            json.body().length(), pageMillis);
    }

    @Test
    void namesWithControlAndBidiCharactersNeverReachTheConsoleOrThePageRaw() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        Object printer = LocalServerAccess.eventPrinter(out);
        Map<String, String> settings = Map.of();
        app = LinkHealth.inMemory(Settings.of(settings), Clock.systemUTC(), e -> {
            raised.add(e);
            LocalServerAccess.print(printer, e);
        });
        server = LocalServerAccess.start(app, KEY);
        closing.add(server);
        closing.add(app);
        String hostile = "Lake\u001b[2J\u001b]0;pwned\u0007\nINFO forged line\r\u202Eexe.txt\u2066\u200B";
        UUID profile = UUID.randomUUID();
        byte[] callback = CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, UUID.randomUUID())
            .target("syncstate", CallbackBuilder.option(8)).preImage("syncstate", CallbackBuilder.option(2))
            .unchanged("entityname", "con\u202Etact\u001b[31m")
            .unchanged("profile", CallbackBuilder.ref("synapselinkprofile", profile, hostile)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/dataverse/webhook"))
            .header("x-functions-key", KEY).POST(HttpRequest.BodyPublishers.ofByteArray(callback)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        assertTrue(server.awaitIdle(10_000));
        assertEquals(1, raised.size());
        assertEquals(hostile, raised.get(0).profileName(), "the data keeps the real name");

        String printed = console.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Lake\\x1B[2J"), printed);
        assertRawFree("console", printed.replace("\n", "").replace("\u001b[31m", "").replace("\u001b[0m", ""));
        assertFalse(printed.contains("\nINFO forged"), "no forged line: " + printed);

        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/status"))
            .header("x-functions-key", KEY).build(), HttpResponse.BodyHandlers.ofString());
        String names = page.body().substring(page.body().indexOf("<main>"), page.body().indexOf("</main>"));
        assertTrue(names.contains("Lake\\x1B[2J"), names);
        assertRawFree("status page", names.replace("\n", ""));
        HttpResponse<String> events = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/events"))
            .header("x-functions-key", KEY).build(), HttpResponse.BodyHandlers.ofString());
        com.fasterxml.jackson.databind.JsonNode data = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(events.body()).path("value").get(0).path("data");
        assertEquals(hostile, data.path("profileName").asText(), "the JSON keeps the real name");
        assertRawFree("markdown", data.path("markdown").asText().replace("\n", ""));
        assertRawFree("card", data.path("card").toString());
    }

    private static void assertRawFree(String where, String text) {
        assertTrue(text.codePoints().noneMatch(VisibleText::isUnsafe), () -> where + " holds a raw control or bidi "
            + "character: " + text.codePoints().filter(VisibleText::isUnsafe).mapToObj(Integer::toHexString).toList());
    }
}
