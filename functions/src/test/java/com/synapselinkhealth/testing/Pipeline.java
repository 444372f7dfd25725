package com.synapselinkhealth.testing;

import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.StallPolicy;
import com.synapselinkhealth.ingest.ChangeProcessor;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.ingest.StallMonitor;
import com.synapselinkhealth.memory.InMemoryEventStore;
import com.synapselinkhealth.memory.InMemoryRowStateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's path from webhook body to health events, on fresh in-memory stores and a test clock: parse,
 * judge against the row's last known state, raise events.
 */
public final class Pipeline {
    public static final Instant START = Instant.parse("2024-06-03T10:00:00Z");

    public final TestClock clock = new TestClock(START);
    public final InMemoryRowStateStore rows = new InMemoryRowStateStore();
    public final InMemoryEventStore events = new InMemoryEventStore();
    /** Every event handed to the publisher, in order. */
    public final List<HealthEvent> published = new ArrayList<>();
    public final ChangeProcessor processor = new ChangeProcessor(rows, events, published::add, clock);
    private final RemoteExecutionContextParser parser = new RemoteExecutionContextParser();

    public ProcessingResult process(byte[] body) {
        return processor.process(parse(body));
    }

    public ProcessingResult process(CallbackBuilder callback) {
        return process(callback.build());
    }

    /** The events one callback raises. */
    public List<HealthEvent> events(CallbackBuilder callback) {
        return process(callback).events();
    }

    public RowChange parse(byte[] body) {
        return parser.parse(body, TransportHints.NONE);
    }

    public StallMonitor stallMonitor(StallPolicy policy) {
        return new StallMonitor(rows, events, published::add, policy, clock);
    }
}
