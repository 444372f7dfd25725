package com.synapselinkhealth.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator itself: it passes what conforms and names every kind of deviation it promises to catch. */
class SwaggerSchemaValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SwaggerSchemaValidator CONNECTOR = SwaggerSchemaValidator.connector();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static ObjectNode profile() throws Exception {
        return (ObjectNode) json("{'id':'6f1f5b1e-2a3c-4d5e-8f90-1a2b3c4d5e6f','name':'Contoso Lake','organization':null,"
            + "'state':'Active','stateValue':1,'tableCount':12}");
    }

    private static List<String> profiles(JsonNode profile) {
        ObjectNode list = JSON.createObjectNode();
        list.putArray("value").add(profile);
        return CONNECTOR.validate("ListProfiles", 200, list);
    }

    private static void assertOneError(List<String> errors, String fragment) {
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains(fragment), errors.toString());
    }

    @Test
    void aConformingBodyHasNoErrors() throws Exception {
        assertEquals(List.of(), profiles(profile()));
        assertEquals(List.of(), CONNECTOR.validate("ListProfiles", 200, json("{'value':[]}")));
    }

    @Test
    void everyDeviationIsNamedWithItsPath() throws Exception {
        assertOneError(profiles(profile().without("tableCount")), "$.value[0]: the required member 'tableCount'");
        assertOneError(profiles(profile().put("type", "SynapseLink")), "$.value[0].type: the schema declares no member");
        assertOneError(profiles(profile().putNull("tableCount")), "$.value[0].tableCount: null, but the schema is not x-nullable");
        assertOneError(profiles(profile().put("tableCount", "12")), "expected an integer");
        assertOneError(profiles(profile().put("tableCount", 12.0)), "expected an integer");
        assertOneError(profiles(profile().put("tableCount", 3_000_000_000L)), "out of the int32 range");
        assertOneError(profiles(profile().put("id", "not-a-guid")), "$.value[0].id: 'not-a-guid' does not match");
        assertOneError(profiles(profile().put("name", 7)), "expected a string");
        assertEquals(List.of(), profiles(profile().putNull("name")));
    }

    @Test
    void enumsFormatsAndPatternsAreChecked() throws Exception {
        ObjectNode type = (ObjectNode) json("{'name':'TableSyncFailed','severity':'error','stateTable':"
            + "'synapselinkprofileentitystate','description':'x.','type':'com.synapselinkhealth.synapselink.TableSyncFailed'}");
        assertEquals(List.of(), CONNECTOR.validateDefinition("EventType", type));
        assertOneError(CONNECTOR.validateDefinition("EventType", type.deepCopy().put("severity", "fatal")), "is not one of");
        assertOneError(CONNECTOR.validateDefinition("EventType", type.deepCopy().put("type", "TableSyncFailed")),
            "does not match");
        ObjectNode page = (ObjectNode) json("{'value':[],'nextLink':'https://h.example/api/events?skipToken=x'}");
        assertEquals(List.of(), CONNECTOR.validate("ListRecentEvents", 200, page));
        assertOneError(CONNECTOR.validate("ListRecentEvents", 200, page.deepCopy().put("nextLink", "/api/events")),
            "not an absolute URI");
        assertTrue(SwaggerSchemaValidator.isDateTime("2026-11-20T09:15:00Z"));
        assertTrue(SwaggerSchemaValidator.isDateTime("2026-11-20T09:15:00.123+01:00"));
        for (String bad : List.of("2026-11-20T09:15Z", "2026-11-20", "2026-11-20 09:15:00Z", "2026-13-20T09:15:00Z",
            "2026-11-20T09:15:00")) {
            assertTrue(!SwaggerSchemaValidator.isDateTime(bad), bad);
        }
    }

    @Test
    void statusesAndBodiesMustBeDeclared() throws Exception {
        assertOneError(CONNECTOR.validate("ListProfiles", 500, json("{}")), "declares no response 500");
        assertOneError(CONNECTOR.validate("DeleteSubscription", 204, json("{}")), "declares no body");
        assertEquals(List.of(), CONNECTOR.validate("DeleteSubscription", 204, (JsonNode) null));
        assertOneError(CONNECTOR.validate("ListProfiles", 200, (JsonNode) null), "declares a body");
        assertOneError(CONNECTOR.validate("NoSuchOperation", 200, json("{}")), "no operation NoSuchOperation");
        String problem = "{\"type\":\"https://x.example/p\",\"title\":\"t\",\"status\":404,\"detail\":\"d\"}";
        assertEquals(List.of(), CONNECTOR.validate("GetProfileHealth", 404, "application/problem+json", problem));
        assertOneError(CONNECTOR.validate("GetProfileHealth", 404, "text/html", problem), "Content-Type text/html");
        assertOneError(CONNECTOR.validate("GetProfileHealth", 404, "application/json", problem), "is not application/problem+json");
        // the error responses declare no schema; their body is checked against the problem schema kept beside the tests
        assertTrue(CONNECTOR.response("GetProfileHealth", 404).orElseThrow().path("schema").isMissingNode());
        assertOneError(CONNECTOR.validate("GetProfileHealth", 404, "application/problem+json",
            "{\"type\":\"https://x.example/p\",\"title\":\"t\",\"status\":404}"), "the required member 'detail'");
        assertOneError(CONNECTOR.validate("GetProfileHealth", 404, "application/problem+json",
            "{\"type\":\"https://x.example/p\",\"title\":\"t\",\"status\":\"404\",\"detail\":\"d\"}"), "$.status");
        assertEquals(List.of(), CONNECTOR.validate("GetProfileHealth", 401, null, ""), "the host's 401 has no body");
    }

    @Test
    void referencesAndAllOfAreFollowed() throws Exception {
        SwaggerSchemaValidator v = SwaggerSchemaValidator.of(json("{'swagger':'2.0','paths':{},'definitions':{"
            + "'A':{'type':'object','required':['a'],'properties':{'a':{'type':'string'}}},"
            + "'B':{'allOf':[{'$ref':'#/definitions/A'},{'type':'object','properties':{'b':{'$ref':'#/definitions/C'}}}]},"
            + "'C':{'type':'integer','x-nullable':true},"
            + "'Open':{'type':'object','additionalProperties':{'type':'boolean'}}}}"));
        assertEquals(List.of(), v.validateDefinition("B", json("{'a':'x','b':null}")));
        assertOneError(v.validateDefinition("B", json("{'a':'x','b':1,'c':2}")), "$.c: the schema declares no member");
        assertOneError(v.validateDefinition("B", json("{'b':1}")), "the required member 'a'");
        assertEquals(List.of(), v.validateDefinition("Open", json("{'x':true}")));
        assertOneError(v.validateDefinition("Open", json("{'x':1}")), "$.x: expected a boolean");
    }
}
