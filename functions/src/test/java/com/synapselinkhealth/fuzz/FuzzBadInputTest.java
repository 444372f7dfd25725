package com.synapselinkhealth.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.local.LocalServer;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.DeadLetter;
import com.synapselinkhealth.testing.CallbackBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Posts the seeded {@link FuzzCorpus} (well over 200 hostile requests) to the local server over real HTTP, with a
 * good callback after every ten: no 5xx, no request left hanging, every 4xx a problem document that says what is
 * wrong, every rejected webhook body kept as a dead letter, the server still up, and every good callback's event
 * raised.
 */
class FuzzBadInputTest {
    private static final long SEED = 20261127L;
    private static final String KEY = "fuzz-Key_0123456789abcdef";
    private static final int TIMEOUT_MILLIS = 15_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The problem types of a callback the app read and refused; each names the dead letter that keeps it. */
    private static final Set<String> CALLBACK_PROBLEMS = Set.of("not-json", "too-complex", "wrong-shape",
        "invalid-value", "too-large", "unsupported-format");
    /** Held so the level sticks: the rejections are logged as warnings by design. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("linkhealth");

    private final List<HealthEvent> published = new CopyOnWriteArrayList<>();
    private LinkHealth app;
    private LocalServer server;

    /** One answer as read off the socket; status -1 when the server closed the connection without one. */
    private record Answer(int status, Map<String, String> headers, String body) {
    }

    @BeforeAll
    static void quiet() {
        QUIET.setLevel(java.util.logging.Level.OFF);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theCorpusIsLargeAndTheSameForTheSameSeed() {
        List<FuzzCase> a = FuzzCorpus.generate(SEED);
        List<FuzzCase> b = FuzzCorpus.generate(SEED);
        assertTrue(a.size() >= 200, "only " + a.size() + " cases");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).name(), b.get(i).name());
            assertTrue(java.util.Arrays.equals(a.get(i).body(), b.get(i).body()), a.get(i).name());
        }
        assertTrue(a.stream().filter(FuzzCase::isWebhook).count() >= 150);
        Set<String> operations = a.stream().map(c -> c.method() + " " + c.pathAndQuery().split("\\?")[0]
            .replaceAll("/api/profiles/[^/]+", "/api/profiles/{id}").replaceAll("/tables/[^/]+", "/tables/{table}")
            .replaceAll("/api/subscriptions/(?!table-sync-failures)[^/]+", "/api/subscriptions/{id}"))
            .collect(Collectors.toSet());
        for (String op : List.of("POST /api/subscriptions", "POST /api/subscriptions/table-sync-failures",
            "DELETE /api/subscriptions/{id}", "GET /api/profiles", "GET /api/profiles/{id}/health",
            "GET /api/profiles/{id}/tables", "GET /api/profiles/{id}/tables/{table}", "GET /api/events",
            "GET /api/event-types", "POST /api/dataverse/webhook")) {
            assertTrue(operations.contains(op), "no case for " + op);
        }
    }

    @Test
    void hostileRequestsGetA4xxProblemAndGoodCallbacksInBetweenStillRaiseTheirEvents() throws Exception {
        app = LinkHealth.inMemory(Settings.of(Map.of()), Clock.systemUTC(), published::add);
        server = new LocalServer(app, "127.0.0.1", 0, KEY, 0).start();
        List<FuzzCase> corpus = FuzzCorpus.generate(SEED);
        List<String> failures = new ArrayList<>();
        List<UUID> goodRows = new ArrayList<>();
        List<String> keptIds = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            FuzzCase c = corpus.get(i);
            Answer answer;
            try {
                answer = send(c);
            } catch (SocketTimeoutException e) {
                failures.add("#" + i + " " + c.name() + ": no answer within " + TIMEOUT_MILLIS + " ms");
                continue;
            }
            statuses.merge(answer.status(), 1, Integer::sum);
            String problem = judge(c, answer);
            if (problem != null) {
                failures.add("#" + i + " " + c.name() + ": " + problem);
            } else if (c.isWebhook() && answer.status() >= 400 && isProblem(answer)) {
                JsonNode doc = JSON.readTree(answer.body());
                String type = doc.path("type").asText().replaceFirst(".*/", "");
                if (CALLBACK_PROBLEMS.contains(type)) {
                    keptIds.add(doc.path("deadLetterId").asText());
                }
            }
            if (i % 10 == 9) {
                UUID row = UUID.randomUUID();
                Answer good = send(FuzzCase.post("good", FuzzCorpus.WEBHOOK, "application/json", goodCallback(row)));
                if (good.status() != 202) {
                    failures.add("good callback after #" + i + " answered " + good.status() + " " + good.body());
                }
                goodRows.add(row);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + corpus.size() + " cases failed:\n"
            + String.join("\n", failures));
        System.out.println("FuzzBadInputTest: " + corpus.size() + " hostile requests (seed " + SEED + "), answers " + statuses
            + ", " + goodRows.size() + " good callbacks in between");

        assertEquals(200, send(FuzzCase.get("health", "/api/health")).status(), "the server is still up");
        assertTrue(server.awaitIdle(20_000));
        Set<UUID> raised = published.stream().filter(e -> e.name().equals(HealthEventName.TableSyncFailed))
            .map(HealthEvent::rowId).collect(Collectors.toSet());
        assertTrue(raised.containsAll(goodRows), "good callbacks without their event: "
            + goodRows.stream().filter(r -> !raised.contains(r)).toList());
        assertTrue(server.poisonMessages().isEmpty(), "poison messages: " + server.poisonMessages().size());

        Set<String> kept = app.stores().deadLetters().recent(10_000).stream().map(DeadLetter::id).collect(Collectors.toSet());
        List<String> missing = keptIds.stream().filter(id -> !kept.contains(id)).toList();
        assertTrue(keptIds.size() >= 100, "only " + keptIds.size() + " webhook bodies were rejected");
        assertTrue(missing.isEmpty(), missing.size() + " rejected webhook bodies have no dead letter");
        for (DeadLetter d : app.stores().deadLetters().recent(10_000)) {
            assertTrue(d.headers().keySet().stream().noneMatch(h -> h.contains("key") || h.equals("authorization")),
                "a dead letter kept a secret header: " + d.headers().keySet());
            assertTrue(d.body() == null || !d.body().contains(KEY), "a dead letter kept the function key");
        }
    }

    /** @return what is wrong with the answer, or null */
    private static String judge(FuzzCase c, Answer a) {
        if (a.status() < 0) {
            return "the server closed the connection without an answer";
        }
        if (a.status() >= 500) {
            return "answered " + a.status() + ": " + clip(a.body());
        }
        if (c.noKey() && a.status() != 401) {
            return "without the key it answered " + a.status();
        }
        if (a.status() < 400) {
            return null;
        }
        if (a.status() == 400 && !isUri(c.pathAndQuery())) {
            return null; // the request line itself is not HTTP: the JDK's server refuses it before any route runs
        }
        String type = a.headers().getOrDefault("content-type", "");
        if (!type.equals("application/problem+json")) {
            return a.status() + " with Content-Type '" + type + "', not application/problem+json";
        }
        try {
            JsonNode doc = JSON.readTree(a.body());
            if (doc.path("status").asInt() != a.status() || doc.path("title").asText().isBlank()
                || doc.path("detail").asText().isBlank() || !doc.path("type").asText().startsWith("https://")) {
                return "incomplete problem document: " + clip(a.body());
            }
            if (a.body().contains("Exception") || a.body().contains("\tat ") || a.body().contains(KEY)) {
                return "the problem leaks internals: " + clip(a.body());
            }
        } catch (IOException e) {
            return "the problem is not JSON: " + clip(a.body());
        }
        return null;
    }

    private static boolean isProblem(Answer a) {
        return "application/problem+json".equals(a.headers().get("content-type"));
    }

    private static boolean isUri(String pathAndQuery) {
        try {
            new java.net.URI(pathAndQuery);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static byte[] goodCallback(UUID row) {
        return CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, row)
            .target("syncstate", CallbackBuilder.option(8)).preImage("syncstate", CallbackBuilder.option(2))
            .unchanged("entityname", "contact").build();
    }

    /** One request on its own connection, written byte for byte as the case says. */
    private Answer send(FuzzCase c) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            String path = c.pathAndQuery();
            if (!c.noKey()) {
                path += (path.contains("?") ? "&" : "?") + "code=" + KEY;
            }
            StringBuilder head = new StringBuilder().append(c.method()).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(server.port()).append("\r\nConnection: close\r\n");
            c.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (c.body() != null) {
                head.append("Content-Length: ").append(Math.max(0, c.body().length + c.lengthDelta())).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (c.body() != null) {
                    out.write(c.body());
                }
                out.flush();
                if (c.lengthDelta() > 0) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // the server may answer (413) and close before it read everything: read what it said
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (java.net.SocketException e) {
            // reset after the answer: keep what came
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(-1, Map.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new java.util.HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, text.substring(end + 4));
    }

    private static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
