package com.synapselinkhealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ./linkhealth demo}: ends with the status page's URL, and the page it names shows the demo's profile and tables. */
@Timeout(120)
class MainDemoTest {
    private static final Pattern PAGE = Pattern.compile("Status page of the demo's profiles and tables: (http://127\\.0\\.0\\.1:\\d+/api/public/status)");

    /** An output stream the test can read while the demo writes. */
    private static final class Output extends ByteArrayOutputStream {
        @Override
        public synchronized String toString() {
            return new String(toByteArray(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void withoutATerminalTheDemoPrintsTheUrlAndEnds() throws Exception {
        Output bytes = new Output();
        assertEquals(0, DemoCommand.demo(new PrintStream(bytes, true, StandardCharsets.UTF_8), false));
        String out = bytes.toString();
        assertTrue(PAGE.matcher(out).find(), out);
        assertTrue(out.contains("Its ready-to-post Markdown message"), out);
        assertTrue(out.contains("The health digest: GET /api/digest -> 200."), out);
        assertTrue(out.contains("  **✖ Error: Health digest**") && out.contains("  - contact: ✖ failing: "), out);
        assertTrue(out.strip().endsWith("run ./linkhealth demo in a terminal to keep it open."), out);
    }

    @Test
    void keptServingThePageShowsTheDemosProfileAndTables() throws Exception {
        Output bytes = new Output();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread demo = new Thread(() -> {
            try {
                DemoCommand.demo(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
            } catch (InterruptedException e) {
                // stopped by the test, as Ctrl+C stops it
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "demo");
        demo.start();
        try {
            String url = null;
            for (int i = 0; i < 600 && url == null && demo.isAlive(); i++) {
                Matcher m = PAGE.matcher(bytes.toString());
                url = m.find() ? m.group(1) : null;
                Thread.sleep(100);
            }
            assertNotNull(url, "no status page URL in: " + bytes + " " + failure.get());
            assertTrue(bytes.toString().contains("The server keeps running so you can open it. Ctrl+C stops."));
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), "served without a key");
            for (String shown : new String[] {"Contoso Lake", ">account</th>", ">contact</th>", "Failing", "Latest events"}) {
                assertTrue(page.body().contains(shown), "the page shows " + shown);
            }
            assertFalse(page.body().contains("code="), "no key anywhere in the page");
        } finally {
            demo.interrupt();
            demo.join(20_000);
        }
        assertFalse(demo.isAlive(), "the demo stops");
    }
}
