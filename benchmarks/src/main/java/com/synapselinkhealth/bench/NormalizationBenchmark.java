package com.synapselinkhealth.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Attributes;
import com.synapselinkhealth.dataverse.EntityReference;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.ingest.ChangeProcessor;
import com.synapselinkhealth.ingest.EventPublisher;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.memory.InMemoryEventStore;
import com.synapselinkhealth.store.memory.InMemoryRowStateStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What it costs to turn one Dataverse webhook body into a {@link RowChange} (and then into health events),
 * compared with only reading the same bytes into a Jackson tree.
 *
 * <p>The body ({@code profileentitystate-update.json}, 9.8 KB, compact like the wire form) is the
 * {@code RemoteExecutionContext} of an asynchronous PostOperation (Stage 40) step on Update of a
 * {@code synapselinkprofileentitystate} row: a Target with 5 changed columns ({@code syncstate} InProgress ->
 * CompletedWithFailures, {@code lastsynceddatatime}, {@code lakerecordcount}, ...), Pre and Post images of 24 columns
 * each, and the Stage 30 ParentContext.
 *
 * <ul>
 *   <li>{@link #jacksonReadTree}: the baseline, {@code new ObjectMapper().readTree(bytes)}.</li>
 *   <li>{@link #jacksonReadTreeParserConfig}: diagnostic, the same read with the parser's Jackson configuration
 *       (duplicate detection, BigDecimal floats, trailing-token check); it splits the parser's cost into "Jackson as
 *       configured" and "walking the tree". The configuration is copied from {@link RemoteExecutionContextParser}
 *       and must be kept in step with it.</li>
 *   <li>{@link #parse}: normalization, {@link RemoteExecutionContextParser#parse}.</li>
 *   <li>{@link #parseAndRules}: normalization plus {@link ChangeProcessor#process} with in-memory stores.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NormalizationBenchmark {
    static final String RESOURCE = "/profileentitystate-update.json";
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** The OperationId hex digits rewritten per call: the last group of the GUID. */
    private static final int PATCHED_DIGITS = 12;

    /** The resource as is; never changed (the read-only benchmarks use it). */
    private byte[] body;
    private ObjectMapper plainMapper;
    private ObjectReader parserConfigReader;
    private RemoteExecutionContextParser parser;

    // parseAndRules state: see parseAndRules().
    private byte[] toFailed;
    private byte[] toRecovered;
    private int toFailedIdDigits;
    private int toRecoveredIdDigits;
    private long sequence;
    private ChangeProcessor processor;
    private InMemoryRowStateStore rows;
    private ProcessingResult last;

    @Setup(Level.Trial)
    public void setUp() {
        body = readResource();
        plainMapper = new ObjectMapper();
        parserConfigReader = parserLikeReader();
        parser = new RemoteExecutionContextParser();

        RowChange change = parser.parse(body, TransportHints.NONE);
        require(change.table().equals(StateTable.PROFILE_ENTITY_STATE.logicalName()), "the body must be a profile entity state change");
        require(change.operationId() != null, "the body must carry an OperationId");

        // The two directions of the row: the resource (InProgress -> CompletedWithFailures) and its mirror image
        // (CompletedWithFailures -> InProgress), same size give or take a few bytes.
        toFailed = body.clone();
        toRecovered = withSyncState(body, 2, "InProgress", 8, "CompletedWithFailures");
        String operationId = change.operationId().toString();
        toFailedIdDigits = operationIdDigits(toFailed, operationId);
        toRecoveredIdDigits = operationIdDigits(toRecovered, operationId);

        rows = new InMemoryRowStateStore();
        // The profile row the event names, as the store knows it from the profile's own callbacks.
        EntityReference profile = change.attributes().reference("profile");
        require(profile != null, "the body must reference its profile");
        rows.saveIfUnchanged(new RowState(StateTable.PROFILE, profile.id(), change.organization(),
            Attributes.of(Map.of("name", new AttributeValue.Text("contoso-lake-prod"))), false, null, List.of(), List.of(),
            Instant.now()), null);
        // Bounded like any real deployment's view of the store; once full, each call also evicts one old event.
        processor = new ChangeProcessor(rows, new InMemoryEventStore(10_000), EventPublisher.NONE, Clock.systemUTC());

        // Prime the row and prove the alternation: every call below must be an applied change raising one event.
        for (int i = 0; i < 64; i++) {
            ProcessingResult result = processNext();
            require(result.outcome() == ProcessingResult.Outcome.APPLIED, "call " + i + " was " + result.outcome());
            List<HealthEvent> events = result.events();
            HealthEventName expected = (sequence & 1) == 1 ? HealthEventName.TableSyncFailed : HealthEventName.TableSyncRecovered;
            require(events.size() == 1 && events.get(0).name() == expected,
                "call " + i + " raised " + events + ", expected one " + expected);
        }
    }

    /** Every measured parseAndRules call must have been a real, applied transition. */
    @TearDown(Level.Iteration)
    public void checkLastCall() {
        if (last != null) {
            require(last.outcome() == ProcessingResult.Outcome.APPLIED && last.events().size() == 1,
                "the last parseAndRules call was " + last.outcome() + " with " + last.events().size() + " events");
        }
    }

    @Benchmark
    public JsonNode jacksonReadTree() throws IOException {
        return plainMapper.readTree(body);
    }

    @Benchmark
    public JsonNode jacksonReadTreeParserConfig() throws IOException {
        return parserConfigReader.readTree(body);
    }

    @Benchmark
    public void parse(Blackhole bh) {
        bh.consume(parser.parse(body, TransportHints.NONE));
    }

    /**
     * Parse, then judge the change against the row's stored state, save the new state and hand the event to the
     * event store, as a webhook call does.
     *
     * <p>How each call stays a real transition: a processor remembers every row it saw, so replaying one body
     * would be a DUPLICATE after the first call (same OperationId) and raise nothing. Resetting the store per call
     * would judge every change against nothing stored (a first-seen row), and {@code @Setup(Level.Invocation)}
     * distorts calls this short. So one long-lived store and processor see the same row flip back and forth:
     * odd calls send the resource body (syncstate InProgress -> CompletedWithFailures, TableSyncFailed), even calls
     * its mirror (CompletedWithFailures -> InProgress, TableSyncRecovered). The stored state always holds the
     * other value, so every call is judged against a stored previous state and raises one event. Before parsing,
     * the last 12 hex digits of the body's OperationId are overwritten with the call's sequence number (12 byte
     * stores, a few ns), so each call is a new operation and never a duplicate. Both bodies carry the same
     * versionnumber, which is "not older" and so never stale; the comparison runs either way. The row's
     * recent-operation list is full (32 keys) after the first calls: the steady state of a long-lived row.
     * {@link #setUp} asserts all of this for 64 calls, and {@link #checkLastCall} after every iteration.
     */
    @Benchmark
    public void parseAndRules(Blackhole bh) {
        ProcessingResult result = processNext();
        last = result;
        bh.consume(result);
    }

    private ProcessingResult processNext() {
        long n = ++sequence;
        byte[] next;
        int digits;
        if ((n & 1) == 1) {
            next = toFailed;
            digits = toFailedIdDigits;
        } else {
            next = toRecovered;
            digits = toRecoveredIdDigits;
        }
        for (int i = PATCHED_DIGITS - 1; i >= 0; i--) {
            next[digits + i] = HEX[(int) (n >>> (4 * (PATCHED_DIGITS - 1 - i))) & 0xF];
        }
        RowChange change = parser.parse(next, TransportHints.NONE);
        return processor.process(change);
    }

    private static byte[] readResource() {
        try (InputStream in = NormalizationBenchmark.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the last 12 hex digits of the top-level OperationId start; it must occur exactly once. */
    private static int operationIdDigits(byte[] json, String operationId) {
        byte[] needle = ("\"OperationId\":\"" + operationId + "\"").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(json, needle, 0);
        require(at >= 0, "OperationId " + operationId + " not found in the compact body");
        require(indexOf(json, needle, at + 1) < 0, "OperationId " + operationId + " occurs twice");
        return at + needle.length - 1 - PATCHED_DIGITS;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The body with syncstate {@code after} in the Target(s) and post image, and {@code before} in the pre image. */
    private byte[] withSyncState(byte[] json, int after, String afterLabel, int before, String beforeLabel) {
        try {
            ObjectNode root = (ObjectNode) plainMapper.readTree(json);
            setSyncState(root, after, afterLabel, before, beforeLabel);
            JsonNode parent = root.get("ParentContext");
            if (parent instanceof ObjectNode p) {
                setSyncState(p, after, afterLabel, before, beforeLabel);
            }
            return plainMapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void setSyncState(ObjectNode context, int after, String afterLabel, int before, String beforeLabel) {
        for (JsonNode parameter : context.withArray("InputParameters")) {
            if ("Target".equals(parameter.path("key").asText())) {
                setColumn(parameter.get("value"), after, afterLabel);
            }
        }
        for (JsonNode image : context.withArray("PostEntityImages")) {
            setColumn(image.get("value"), after, afterLabel);
        }
        for (JsonNode image : context.withArray("PreEntityImages")) {
            setColumn(image.get("value"), before, beforeLabel);
        }
    }

    private static void setColumn(JsonNode entity, int value, String label) {
        for (JsonNode attribute : (ArrayNode) entity.get("Attributes")) {
            if ("syncstate".equals(attribute.path("key").asText())) {
                ((ObjectNode) attribute.get("value")).put("Value", value);
            }
        }
        for (JsonNode formatted : (ArrayNode) entity.get("FormattedValues")) {
            if ("syncstate".equals(formatted.path("key").asText())) {
                ((ObjectNode) formatted).put("value", label);
            }
        }
    }

    /** The Jackson configuration of {@link RemoteExecutionContextParser}, copied. */
    private static ObjectReader parserLikeReader() {
        JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(128)
                .maxNumberLength(100)
                .maxStringLength(4 * 1024 * 1024)
                .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
        return JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .reader();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
