package com.synapselinkhealth.health.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.cloudevents.AdaptiveCardJson;
import com.synapselinkhealth.testing.JsonSchemaValidator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    private static Path resource(String name) {
        try {
            return Path.of(GoldenMessagesTest.class.getResource("/messages").toURI()).resolve(name);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<HealthEventName> withGoldenMessages() {
        return Stream.of(HealthEventName.RecordCountDrift, HealthEventName.RecordCountDriftCleared,
            HealthEventName.SyncFallingBehind, HealthEventName.SyncCaughtUp, HealthEventName.InitialSyncProgress,
            HealthEventName.DeltaSyncStalled, HealthEventName.DeltaSyncResumed, HealthEventName.HealthDigest);
    }

    static Stream<HealthEventName> earlyWarnings() {
        return Stream.of(HealthEventName.RecordCountDrift, HealthEventName.SyncFallingBehind,
            HealthEventName.InitialSyncProgress, HealthEventName.DeltaSyncStalled);
    }

    @ParameterizedTest
    @MethodSource("withGoldenMessages")
    void theCardAndMarkdownAreWhatTheGoldenFilesSay(HealthEventName name) throws IOException {
        EventMessage message = EventMessage.of(SampleEvents.realistic(name), LINK);
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
    @MethodSource("earlyWarnings")
    void theEarlyWarningsShowTheirDetailsAsFacts(HealthEventName name) {
        String md = MarkdownMessage.render(EventMessage.of(SampleEvents.realistic(name), null));
        Map<HealthEventName, List<String>> facts = Map.of(
            HealthEventName.RecordCountDrift, List.of("- Difference: 4,167 rows fewer in the lake than in Dataverse\n",
                "- Lake rows: 116,345\n", "- Dataverse rows: 120,512\n"),
            HealthEventName.SyncFallingBehind, List.of("- Lag: 40 min (67 % of the allowance)\n", "- Allowance: 1 h\n"),
            HealthEventName.InitialSyncProgress, List.of("- Progress: 50 %\n",
                "- Estimated completion: 2026-11-20 13:40 UTC\n"),
            HealthEventName.DeltaSyncStalled, List.of("- Allowance: 1 h\n"));
        assertTrue(facts.get(name).stream().allMatch(md::contains), md);
    }
}
