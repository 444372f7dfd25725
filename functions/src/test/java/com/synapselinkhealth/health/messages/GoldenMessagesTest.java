package com.synapselinkhealth.health.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.health.DigestReport;
import com.synapselinkhealth.health.DigestReport.DigestItem;
import com.synapselinkhealth.health.DigestReport.ProfileDigest;
import com.synapselinkhealth.health.EventDetails;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.health.Summaries;
import com.synapselinkhealth.health.cloudevents.AdaptiveCardJson;
import com.synapselinkhealth.status.HealthDigests;
import com.synapselinkhealth.testing.JsonSchemaValidator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Adaptive Card and the Markdown message of each early warning and of the digest, with the facts they carry,
 * against golden files in {@code src/test/resources/messages} ({@code NAME.card.json}, {@code NAME.md}).
 * {@code -Dgolden.update=true} rewrites them from what the code does now (run from the repository root, then review
 * the diff), as for the golden callbacks.
 */
class GoldenMessagesTest {
    static final String UPDATE_PROPERTY = "golden.update";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaValidator SCHEMA =
        JsonSchemaValidator.fromResource("adaptivecards/adaptive-card-1.5.0.schema.json");
    private static final StatusPageLink LINK = StatusPageLink.parse("https://linkhealth.example/api/public/status");
    private static final Instant TIME = Instant.parse("2026-11-20T09:14:05Z");
    private static final UUID PROFILE = UUID.fromString("0a4c5e1f-2b3d-ef11-9f89-000d3a4a5b6c");
    private static final UUID ROW = UUID.fromString("6f1f5b1e-2a3c-4d5e-8f90-1a2b3c4d5e6f");

    /** A realistic event of each new name, with the details its rule gives it. */
    static HealthEvent event(HealthEventName name) {
        if (name == HealthEventName.HealthDigest) {
            return HealthDigests.event(digest(), Instant.parse("2026-11-20T07:00:00Z"));
        }
        String table = name.stateTable().logicalName().equals("synapselinkexternaltablestate") ? "opportunity" : "contact";
        Long lake = 120_345L;
        Long dataverse = 120_512L;
        Instant lastSync = Instant.parse("2026-11-20T08:59:00Z");
        EventDetails details = switch (name) {
            case RecordCountDrift -> EventDetails.drift(-4_167);
            case RecordCountDriftCleared -> EventDetails.drift(-12);
            case SyncFallingBehind -> EventDetails.lag(2_400, 3_600);
            case SyncCaughtUp -> EventDetails.lag(420, 3_600);
            case InitialSyncProgress -> EventDetails.progress(50, Instant.parse("2026-11-20T13:40:00Z"));
            case DeltaSyncStalled -> EventDetails.allowance(3_600);
            default -> EventDetails.NONE;
        };
        if (name == HealthEventName.RecordCountDrift) {
            lake = 116_345L;
        } else if (name == HealthEventName.RecordCountDriftCleared) {
            lake = 120_500L;
        } else if (name == HealthEventName.InitialSyncProgress) {
            lake = 50_210L;
            dataverse = 100_000L;
        } else if (name == HealthEventName.DeltaSyncStalled || name == HealthEventName.DeltaSyncResumed) {
            lastSync = name == HealthEventName.DeltaSyncStalled ? Instant.parse("2026-11-18T09:00:00Z") : TIME;
            lake = null;
            dataverse = null;
        }
        String summary = Summaries.of(name, table, "Contoso Lake", PROFILE, null, null, TIME, lastSync, lake, dataverse,
            null, details);
        return new HealthEvent(UUID.nameUUIDFromBytes(name.name().getBytes(StandardCharsets.UTF_8)).toString(), name, TIME,
            "contoso", "Contoso Lake", PROFILE, table, name.stateTable().logicalName(), null, null, lastSync, lake, dataverse,
            ROW, null, null, summary, details);
    }

    static DigestReport digest() {
        return new DigestReport("contoso", Instant.parse("2026-11-20T07:00:00Z"), List.of(
            new ProfileDigest(PROFILE, "Contoso Lake", 7, 4, 1, 1, 1, 1, 1, 1, List.of(
                new DigestItem("contact", "failing", Severity.ERROR,
                    "Sync CompletedWithFailures; last sync 2026-11-20 06:44 UTC."),
                new DigestItem("incident", "paused", Severity.WARNING, "Last sync 2026-11-20 04:00 UTC."),
                new DigestItem("account", "stalled", Severity.WARNING, "No data synced for 5 h; its schedule allows 1 h."),
                new DigestItem("email", "drifting", Severity.WARNING, "The lake has 800 rows, Dataverse 1,000 (200 fewer)."),
                new DigestItem("lead", "initial sync 40 %", Severity.INFO,
                    "Initial sync 40 % done; about done at 2026-11-20 09:00 UTC."))),
            new ProfileDigest(UUID.fromString("9c8b7a65-4321-4fed-8cba-0987654321fe"), "Fabric Link", 2, 2, 0, 0, 0, 0, 0, 0,
                List.of())));
    }

    private static Path resource(String name) {
        try {
            return Path.of(GoldenMessagesTest.class.getResource("/messages").toURI()).resolve(name);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(value = HealthEventName.class, names = {"RecordCountDrift", "RecordCountDriftCleared", "SyncFallingBehind",
        "SyncCaughtUp", "InitialSyncProgress", "DeltaSyncStalled", "DeltaSyncResumed", "HealthDigest"})
    void theCardAndMarkdownAreWhatTheGoldenFilesSay(HealthEventName name) throws IOException {
        EventMessage message = EventMessage.of(event(name), LINK);
        JsonNode card = AdaptiveCardJson.card(message);
        String markdown = MarkdownMessage.render(message);
        assertEquals(List.of(), SCHEMA.validate(card), name + "'s card is an Adaptive Card");
        String cardText = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(card) + "\n";
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Path source = Path.of("functions/src/test/resources/messages");
            Files.createDirectories(source);
            Files.writeString(source.resolve(name + ".card.json"), cardText, StandardCharsets.UTF_8);
            Files.writeString(source.resolve(name + ".md"), markdown, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(JSON.readTree(resource(name + ".card.json").toFile()), card, name + ".card.json");
        assertEquals(Files.readString(resource(name + ".md"), StandardCharsets.UTF_8), markdown, name + ".md");
    }

    @ParameterizedTest
    @EnumSource(value = HealthEventName.class, names = {"RecordCountDrift", "SyncFallingBehind", "InitialSyncProgress",
        "DeltaSyncStalled"})
    void theEarlyWarningsShowTheirDetailsAsFacts(HealthEventName name) {
        String md = MarkdownMessage.render(EventMessage.of(event(name), null));
        switch (name) {
            case RecordCountDrift -> assertTrue(md.contains("- Difference: 4,167 rows fewer in the lake than in Dataverse\n")
                && md.contains("- Lake rows: 116,345\n") && md.contains("- Dataverse rows: 120,512\n"), md);
            case SyncFallingBehind -> assertTrue(md.contains("- Lag: 40 min (67 % of the allowance)\n")
                && md.contains("- Allowance: 1 h\n"), md);
            case InitialSyncProgress -> assertTrue(md.contains("- Progress: 50 %\n")
                && md.contains("- Estimated completion: 2026-11-20 13:40 UTC\n"), md);
            case DeltaSyncStalled -> assertTrue(md.contains("- Allowance: 1 h\n"), md);
            default -> throw new IllegalStateException(name.name());
        }
    }
}
