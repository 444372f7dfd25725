package com.synapselinkhealth.health.cloudevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.messages.SampleEvents;
import com.synapselinkhealth.health.messages.StatusPageLink;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a flow receives for each catalogue event: the CloudEvent exactly as it is delivered (the body the app's
 * delivery posts, {@link ReadyToPostEvents#toJson}, with its Adaptive Card and Markdown message), against
 * {@code src/test/resources/golden/cloudevents/<EventName>.json}, byte for byte but for line endings. The events are
 * {@link SampleEvents#realistic}: fixed ids and times, the details each early warning carries, a real digest.
 * {@code -Dgolden.update=true} rewrites them from what the code does now (run from the repository root, then review
 * the diff), as for the golden callbacks and messages.
 */
class GoldenCloudEventsTest {
    static final String UPDATE_PROPERTY = "golden.update";
    private static final String FOLDER = "golden/cloudevents";
    private static final ReadyToPostEvents DELIVERED =
        new ReadyToPostEvents(StatusPageLink.parse("https://linkhealth.example/api/public/status"));

    static Stream<HealthEventName> catalogue() {
        return Stream.of(HealthEventName.values());
    }

    private static Path folder() {
        URL url = GoldenCloudEventsTest.class.getResource("/" + FOLDER);
        if (url == null) {
            throw new AssertionError("no " + FOLDER + " among the test resources: run with -Dgolden.update=true");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void whatAFlowReceivesIsWhatTheGoldenFileSays(HealthEventName name) throws IOException {
        String delivered = DELIVERED.toJson(SampleEvents.realistic(name)) + "\n";
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Path source = Path.of("functions/src/test/resources").resolve(FOLDER);
            Files.createDirectories(source);
            Files.writeString(source.resolve(name + ".json"), delivered, StandardCharsets.UTF_8);
            return;
        }
        Path golden = folder().resolve(name + ".json");
        assertTrue(Files.isRegularFile(golden), "no golden file " + FOLDER + "/" + name + ".json");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8).replace("\r\n", "\n"), delivered, name + ".json");
    }

    @Test
    void everyGoldenFileIsACatalogueEvent() throws IOException {
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            return;
        }
        Set<String> expected = catalogue().map(n -> n + ".json").collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(folder())) {
            List<String> stale = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                .filter(f -> !expected.contains(f)).sorted().toList();
            assertEquals(List.of(), stale, "golden files of no catalogue event");
        }
    }
}
