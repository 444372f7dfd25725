package com.synapselinkhealth.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.functions.StatusPageFunctions;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** How the demo ends: the status page's address, and in a terminal the server kept up for it until Ctrl+C. */
final class StatusPageDemo {
    /** The demo's one mapper: it reads what the local server answered and what the stand-in flow got. */
    static final ObjectMapper JSON = new ObjectMapper();

    private StatusPageDemo() {
    }

    /** The ready-to-post Markdown message of the delivery with this event id, as the flow got it. */
    static void printMarkdown(PrintStream out, List<String> deliveries, String eventId) throws IOException {
        for (String body : deliveries) {
            JsonNode event = JSON.readTree(body);
            if (event.path("id").asText().equals(eventId) && event.path("data").has("markdown")) {
                out.println();
                out.println("Its ready-to-post Markdown message (data.markdown; data.card holds the same as a Teams card):");
                out.println(event.path("data").path("markdown").asText().strip().indent(2).stripTrailing());
                return;
            }
        }
    }

    static void finish(PrintStream out, String baseUrl, boolean keepServing) throws InterruptedException {
        out.println();
        out.println("Status page of the demo's profiles and tables: " + baseUrl + "/api/" + StatusPageFunctions.PUBLIC_ROUTE);
        out.println("  (the same data as JSON: add ?format=json)");
        if (!keepServing) {
            out.println("  The demo stops here (no terminal, or --no-wait); run ./linkhealth demo in a terminal to keep it open.");
            out.flush();
            return;
        }
        out.println("  The server keeps running so you can open it. Ctrl+C stops.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
        stopped.await();
    }
}
