package com.synapselinkhealth.health.cloudevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.messages.EventMessage;
import com.synapselinkhealth.health.messages.Markdown;
import com.synapselinkhealth.health.messages.SampleEvents;
import com.synapselinkhealth.health.messages.StatusPageLink;
import com.synapselinkhealth.testing.JsonSchemaValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cards are valid Adaptive Cards: every event of the catalogue, with and without a status page link, with hostile
 * names, validates against the official Adaptive Card 1.5 schema (a copy in test resources, no network).
 */
class AdaptiveCardSchemaTest {
    private static final JsonSchemaValidator SCHEMA =
        JsonSchemaValidator.fromResource("adaptivecards/adaptive-card-1.5.0.schema.json");
    private static final StatusPageLink LINK = StatusPageLink.parse("https://linkhealth.example/api/public/status");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventsCardConformsToTheAdaptiveCardSchema() {
        List<String> problems = new ArrayList<>();
        for (HealthEventName name : HealthEventName.values()) {
            for (HealthEvent event : List.of(SampleEvents.of(name, "Contoso Lake", "contact"),
                SampleEvents.of(name, SampleEvents.HOSTILE_PROFILE, SampleEvents.HOSTILE_TABLE), SampleEvents.bare(name))) {
                for (StatusPageLink link : new StatusPageLink[] {LINK, null}) {
                    ObjectNode card = AdaptiveCardJson.card(EventMessage.of(event, link));
                    SCHEMA.validate(card).forEach(e -> problems.add(name + ": " + e));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theCardHasTheDeclaredSchemaVersionTitleFactsAndLink() {
        ObjectNode card = AdaptiveCardJson.card(EventMessage.of(
            SampleEvents.of(HealthEventName.TableSyncFailed, "Contoso Lake", "contact"), LINK));
        assertEquals("AdaptiveCard", card.path("type").asText());
        assertEquals("http://adaptivecards.io/schemas/adaptive-card.json", card.path("$schema").asText());
        assertEquals("1.4", card.path("version").asText());
        JsonNode title = card.path("body").get(0);
        assertEquals("TextBlock", title.path("type").asText());
        assertEquals("✖ Error: Table sync failed", title.path("text").asText());
        assertEquals("attention", title.path("color").asText());
        JsonNode facts = card.path("body").get(2);
        assertEquals("FactSet", facts.path("type").asText());
        List<String> titles = new ArrayList<>();
        facts.path("facts").forEach(f -> titles.add(f.path("title").asText()));
        assertEquals(List.of("Profile", "Table", "Event", "Since", "State", "Last sync", "Organization"), titles);
        assertEquals("2026-11-20 09:14 UTC", facts.path("facts").get(3).path("value").asText());
        JsonNode open = card.path("actions").get(0);
        assertEquals("Action.OpenUrl", open.path("type").asText());
        assertEquals("https://linkhealth.example/api/public/status", open.path("url").asText());

        ObjectNode unlinked = AdaptiveCardJson.card(EventMessage.of(SampleEvents.bare(HealthEventName.ProfileActivated), null));
        assertFalse(unlinked.has("actions"), "no button without a configured status page");
        assertEquals("accent", unlinked.path("body").get(0).path("color").asText());
    }

    @Test
    void namesInTheCardAreEscapedMarkdown() {
        ObjectNode card = AdaptiveCardJson.card(EventMessage.of(
            SampleEvents.of(HealthEventName.DeltaTableFailed, SampleEvents.HOSTILE_PROFILE, SampleEvents.HOSTILE_TABLE), LINK));
        JsonNode profile = card.path("body").get(2).path("facts").get(0).path("value");
        assertEquals(SampleEvents.HOSTILE_PROFILE, Markdown.unescape(profile.asText()));
        assertFalse(profile.asText().contains("[x](https"), profile.asText());
        assertFalse(card.toString().contains("<script>"), card.toString());
    }

    @Test
    void theValidatorRejectsCardsTheSchemaDoesNot() {
        ObjectNode card = AdaptiveCardJson.card(EventMessage.of(
            SampleEvents.of(HealthEventName.TableSyncFailed, "Contoso Lake", "contact"), LINK));
        ObjectNode noUrl = card.deepCopy();
        ((ObjectNode) noUrl.path("actions").get(0)).remove("url");
        assertFalse(SCHEMA.validate(noUrl).isEmpty(), "Action.OpenUrl without url");
        ObjectNode badColor = card.deepCopy();
        ((ObjectNode) badColor.path("body").get(0)).put("color", "purple");
        assertFalse(SCHEMA.validate(badColor).isEmpty(), "an undefined colour");
        ObjectNode stray = card.deepCopy();
        ((ObjectNode) stray.path("body").get(2).path("facts").get(0)).put("emoji", true);
        assertFalse(SCHEMA.validate(stray).isEmpty(), "a member a Fact does not have");
        ObjectNode unknownElement = card.deepCopy();
        ((ObjectNode) unknownElement.path("body").get(1)).put("type", "Marquee");
        assertFalse(SCHEMA.validate(unknownElement).isEmpty(), "an unknown element type");
    }

    @Test
    void theDeliveredEventIsTheCloudEventPlusCardAndMarkdown() throws Exception {
        HealthEvent event = SampleEvents.of(HealthEventName.TableSyncFailed, "Contoso Lake", "contact");
        ObjectNode delivered = new ReadyToPostEvents(LINK).toNode(event);
        ObjectNode plain = (ObjectNode) JSON.readTree(HealthCloudEvents.toJson(event));
        ObjectNode withoutExtras = delivered.deepCopy();
        ((ObjectNode) withoutExtras.get("data")).remove(List.of("card", "markdown"));
        assertEquals(plain, withoutExtras, "every CloudEvent field is unchanged");
        assertEquals(List.of(), SCHEMA.validate(delivered.path("data").path("card")));
        assertTrue(delivered.path("data").path("markdown").asText().startsWith("**✖ Error: Table sync failed**"));
        assertEquals(event, HealthCloudEvents.fromJson(delivered.toString()), "readers of the plain event still read it");
    }
}
