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
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.HealthRules;
import com.synapselinkhealth.history.ChangeVersion;
import com.synapselinkhealth.history.HistoryJudge;
import com.synapselinkhealth.history.HistoryLimits;
import com.synapselinkhealth.history.RowHistory;
import com.synapselinkhealth.ingest.ChangeProcessor;
import com.synapselinkhealth.ingest.ProcessingResult;
import com.synapselinkhealth.memory.InMemoryEventStore;
import com.synapselinkhealth.memory.InMemoryRowStateStore;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.RowState;
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
    private int[] toFailedVersions;
    private int[] toRecoveredVersions;
    private long sequence;
    private ChangeProcessor processor;
    private InMemoryRowStateStore rows;
    private ProcessingResult last;

    // parseAndRulesSingleState: the same calls against a history of two versions, the least kept: today's judging of a
    // change against the row's newest state alone.
    private long singleSequence;
    private ChangeProcessor singleStateProcessor;
    private ProcessingResult lastSingle;

    // judge*: the history judge alone, on a row history of 96 versions (a day of 15-minute syncs) and of one.
    private HistoryJudge judge;
    private RowState dayOfVersions;
    private RowState oneVersion;
    private ChangeVersion nextVersion;
    private ChangeVersion lateVersion;
    private Instant judgedAt;

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
        toFailedVersions = versionDigits(toFailed);
        toRecoveredVersions = versionDigits(toRecovered);

        rows = new InMemoryRowStateStore();
        // The profile row the event names, as the store knows it from the profile's own callbacks.
        EntityReference profile = change.attributes().reference("profile");
        require(profile != null, "the body must reference its profile");
        rows.saveIfUnchanged(new RowState(StateTable.PROFILE, profile.id(), change.organization(),
            Attributes.of(Map.of("name", new AttributeValue.Text("contoso-lake-prod"))), false, null, List.of(), List.of(),
            Instant.now()), null);
        // Bounded like any real deployment's view of the store; once full, each call also evicts one old event.
        processor = new ChangeProcessor(rows, new InMemoryEventStore(10_000), EventPublisher.NONE, Clock.systemUTC());
        InMemoryRowStateStore singleStateRows = new InMemoryRowStateStore();
        singleStateRows.saveIfUnchanged(rows.find(StateTable.PROFILE, profile.id()).orElseThrow().value(), null);
        singleStateProcessor = new ChangeProcessor(singleStateRows, new InMemoryEventStore(10_000), EventPublisher.NONE,
            Clock.systemUTC(), new HistoryLimits(2, HistoryLimits.DEFAULT_MAX_AGE));

        // Prime the row and prove the alternation: every call below must be an applied change raising one event. After
        // 200 calls the row's history is in its steady state: 96 to 128 versions, a quarter let go every 32 calls.
        for (int i = 0; i < 200; i++) {
            requireTransition(processNext(), sequence, "call " + i);
            requireTransition(processNextSingleState(), singleSequence, "single-state call " + i);
        }
        require(rows.find(StateTable.PROFILE_ENTITY_STATE, change.rowId()).orElseThrow().value().history().versions().size() >= 2,
            "the row keeps a history");

        // The history judge alone: a row after a day of 96 versions, the same row with one, a next and a late change.
        judgedAt = Instant.now();
        judge = new HistoryJudge(StateTable.PROFILE_ENTITY_STATE, new HealthRules(), HistoryLimits.DEFAULT);
        InMemoryRowStateStore dayRows = new InMemoryRowStateStore();
        dayRows.saveIfUnchanged(rows.find(StateTable.PROFILE, profile.id()).orElseThrow().value(), null);
        ChangeProcessor day = new ChangeProcessor(dayRows, new InMemoryEventStore(1_000), EventPublisher.NONE, Clock.systemUTC());
        for (int i = 1; i <= 96; i++) {
            day.process(changeAt(i, 2L * i, (i & 1) == 1));
        }
        dayOfVersions = dayRows.find(StateTable.PROFILE_ENTITY_STATE, change.rowId()).orElseThrow().value();
        require(dayOfVersions.history().versions().size() == 96, "a day of versions, not " + dayOfVersions.history().versions().size());
        RowHistory newestOnly = new RowHistory(List.of(dayOfVersions.history().newest()), true, List.of(), 0);
        oneVersion = new RowState(dayOfVersions.table(), dayOfVersions.rowId(), dayOfVersions.organization(),
            dayOfVersions.attributes(), false, null, List.of(), List.of(), Instant.now(), newestOnly);
        nextVersion = ChangeVersion.of(StateTable.PROFILE_ENTITY_STATE, changeAt(97, 2L * 97, true), judgedAt);
        // between the 48th version (running) and the 49th (failed): it fails too, joining the failure already reported
        lateVersion = ChangeVersion.of(StateTable.PROFILE_ENTITY_STATE, changeAt(1_000_001, 2L * 48 + 1, true), judgedAt);
        require(judgeAppendToADayOfVersions().found().size() == 1, "the next change after a day raises one event");
        require(judgeAppendToOneVersion().found().size() == 1, "the next change after one version raises one event");
        require(judgeLateIntoADayOfVersions().outcome() == HistoryJudge.Outcome.APPLIED
            && !judgeLateIntoADayOfVersions().appended(), "the late change is put in its place");
    }

    private static void requireTransition(ProcessingResult result, long n, String call) {
        require(result.outcome() == ProcessingResult.Outcome.APPLIED, call + " was " + result.outcome());
        List<HealthEvent> events = result.events();
        HealthEventName expected = (n & 1) == 1 ? HealthEventName.TableSyncFailed : HealthEventName.TableSyncRecovered;
        require(events.size() == 1 && events.get(0).name().equals(expected), call + " raised " + events + ", expected one " + expected);
    }

    /** Every measured parseAndRules call must have been a real, applied transition. */
    @TearDown(Level.Iteration)
    public void checkLastCall() {
        for (ProcessingResult result : new ProcessingResult[] {last, lastSingle}) {
            if (result != null) {
                require(result.outcome() == ProcessingResult.Outcome.APPLIED && result.events().size() == 1,
                    "the last parseAndRules call was " + result.outcome() + " with " + result.events().size() + " events");
            }
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

    /** The same as {@link #parseAndRules}, judged against a history of two versions: the newest state alone. */
    @Benchmark
    public void parseAndRulesSingleState(Blackhole bh) {
        ProcessingResult result = processNextSingleState();
        lastSingle = result;
        bh.consume(result);
    }

    /** The history judge alone: the next change after a day of 96 versions (the usual, appended, case). */
    @Benchmark
    public HistoryJudge.Judgement judgeAppendToADayOfVersions() {
        return judge.judge(dayOfVersions.history(), dayOfVersions.attributes(), false, nextVersion, judgedAt);
    }

    /** The history judge alone: the next change after one version, as a single stored state was judged. */
    @Benchmark
    public HistoryJudge.Judgement judgeAppendToOneVersion() {
        return judge.judge(oneVersion.history(), oneVersion.attributes(), false, nextVersion, judgedAt);
    }

    /** The history judge alone: a late change that falls in the middle of a day of 96 versions (derived again). */
    @Benchmark
    public HistoryJudge.Judgement judgeLateIntoADayOfVersions() {
        return judge.judge(dayOfVersions.history(), dayOfVersions.attributes(), false, lateVersion, judgedAt);
    }

    private ProcessingResult processNext() {
        long n = ++sequence;
        return processor.process(changeAt(n, 2 * n, (n & 1) == 1));
    }

    private ProcessingResult processNextSingleState() {
        long n = ++singleSequence;
        return singleStateProcessor.process(changeAt(n, 2 * n, (n & 1) == 1));
    }

    /**
     * A change that fails (or recovers) the table: the OperationId's last 12 hex digits are {@code id}, and the row's
     * versionnumber is {@code FIRST_VERSION + version} (the pre image's two less), so calls with growing versions are
     * new operations appended after the row's newest version.
     */
    private RowChange changeAt(long id, long version, boolean fails) {
        byte[] next;
        int digits;
        int[] versions;
        if (fails) {
            next = toFailed;
            digits = toFailedIdDigits;
            versions = toFailedVersions;
        } else {
            next = toRecovered;
            digits = toRecoveredIdDigits;
            versions = toRecoveredVersions;
        }
        for (int i = PATCHED_DIGITS - 1; i >= 0; i--) {
            next[digits + i] = HEX[(int) (id >>> (4 * (PATCHED_DIGITS - 1 - i))) & 0xF];
        }
        writeDigits(next, versions[0], FIRST_VERSION + version);
        writeDigits(next, versions[1], FIRST_VERSION + version - 2);
        return parser.parse(next, TransportHints.NONE);
    }

    /** Versions written into the bodies: 8 digits, like the resource's, for 45 million calls. */
    private static final long FIRST_VERSION = 10_000_000L;

    private static void writeDigits(byte[] json, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            json[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Where the 8 digits of the post image's and the pre image's versionnumber start. */
    private static int[] versionDigits(byte[] json) {
        byte[] post = "\"key\":\"versionnumber\",\"value\":48211834".getBytes(StandardCharsets.US_ASCII);
        byte[] pre = "\"key\":\"versionnumber\",\"value\":48211790".getBytes(StandardCharsets.US_ASCII);
        int postAt = indexOf(json, post, 0);
        int preAt = indexOf(json, pre, 0);
        require(postAt >= 0 && preAt >= 0, "the images' versionnumbers are not where the benchmark expects them");
        return new int[] {postAt + post.length - 8, preAt + pre.length - 8};
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
