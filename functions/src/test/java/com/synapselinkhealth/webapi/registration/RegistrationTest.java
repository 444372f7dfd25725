package com.synapselinkhealth.webapi.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.webapi.DataverseWebApiClient;
import com.synapselinkhealth.webapi.DataverseWebApiClientTest;
import com.synapselinkhealth.webapi.DataverseWebApiException.Kind;
import com.synapselinkhealth.webapi.DataverseWebApiException;
import com.synapselinkhealth.webapi.registration.FakeDataverseRegistration.Received;
import com.synapselinkhealth.webapi.registration.PlannedChange.Action;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registration of the webhook, its steps and images against a stateful local Dataverse stand-in. */
class RegistrationTest {
    static final String URL = "https://contoso-health.azurewebsites.net/api/dataverse/webhook";
    static final String KEY = "Zm9vYmFyLWZ1bmN0aW9uLWtleS0xMjM0NTY3ODkw-secret==";
    private static final String STEPS = "sdkmessageprocessingsteps";
    private static final String IMAGES = "sdkmessageprocessingstepimages";

    private FakeDataverseRegistration dataverse;
    private final DataverseWebApiClientTest.FakeCredential credential = new DataverseWebApiClientTest.FakeCredential();

    @BeforeEach
    void start() throws Exception {
        dataverse = new FakeDataverseRegistration();
        dataverse.acceptToken(DataverseWebApiClientTest.TOKEN);
    }

    @AfterEach
    void stop() {
        dataverse.close();
    }

    private DataverseWebApiClient client() {
        return FakeDataverseRegistration.loopbackClient(dataverse.url(), credential);
    }

    private RegistrationPlan plan(String url, String key) {
        return new RegistrationPlanner(client()).plan(new WebhookTarget(url, key));
    }

    private RegistrationPlan register(String url, String key) {
        WebhookTarget target = new WebhookTarget(url, key);
        RegistrationPlan plan = new RegistrationPlanner(client()).plan(target);
        List<PlannedChange> done = new ArrayList<>();
        new RegistrationApplier(client()).apply(plan, target, done::add);
        assertEquals(plan.changes(), done, "every change is reported once, in order");
        return plan;
    }

    private RegistrationPlan remove() {
        RegistrationPlan plan = new RegistrationPlanner(client()).planRemoval();
        new RegistrationApplier(client()).apply(plan, null, c -> { });
        return plan;
    }

    private ObjectNode endpoint() {
        List<ObjectNode> endpoints = dataverse.rows("serviceendpoints").stream()
            .filter(e -> e.path("name").asText().equals("Synapse Link Health")).toList();
        assertEquals(1, endpoints.size(), endpoints.toString());
        return endpoints.get(0);
    }

    private static UUID id(JsonNode row, String column) {
        return UUID.fromString(row.get(column).asText());
    }

    @Test
    void createsTheEndpointEighteenStepsAndTheirImagesFromEmpty() {
        RegistrationPlan plan = register(URL, KEY);

        assertEquals(1 + 18 + 24, plan.count(Action.CREATE));
        ObjectNode endpoint = endpoint();
        assertEquals(8, endpoint.get("contract").asInt(), "contract 8 = Webhook");
        assertEquals(4, endpoint.get("authtype").asInt(), "authtype 4 = WebhookKey");
        assertEquals(URL, endpoint.get("url").asText());
        assertEquals(KEY, dataverse.authValue(id(endpoint, "serviceendpointid")), "the key is the authvalue");
        assertFalse(endpoint.toString().contains(KEY), "only a fingerprint of the key is readable");

        List<ObjectNode> steps = dataverse.rows(STEPS);
        assertEquals(18, steps.size());
        Set<String> expectedNames = RegisteredStep.all().stream().map(RegisteredStep::name).collect(Collectors.toSet());
        assertEquals(expectedNames, steps.stream().map(s -> s.get("name").asText()).collect(Collectors.toSet()));
        for (ObjectNode step : steps) {
            assertEquals(40, step.get("stage").asInt(), "PostOperation");
            assertEquals(1, step.get("mode").asInt(), "asynchronous");
            assertTrue(step.get("asyncautodelete").asBoolean());
            assertEquals(endpoint.get("serviceendpointid").asText(), step.get("_eventhandler_value").asText());
            String[] words = step.get("name").asText().substring("Synapse Link Health: ".length()).split(" of ");
            assertEquals(dataverse.messageId(words[0]).toString(), step.get("_sdkmessageid_value").asText());
            assertEquals(dataverse.filterId(words[0], words[1]).toString(), step.get("_sdkmessagefilterid_value").asText());
        }

        List<ObjectNode> images = dataverse.rows(IMAGES);
        assertEquals(24, images.size());
        for (ObjectNode step : steps) {
            String message = step.get("name").asText().split(": ")[1].split(" ")[0];
            Map<Integer, JsonNode> byType = images.stream()
                .filter(i -> i.get("_sdkmessageprocessingstepid_value").asText().equals(step.get("sdkmessageprocessingstepid").asText()))
                .collect(Collectors.toMap(i -> i.get("imagetype").asInt(), i -> i));
            Set<Integer> expected = switch (message) {
                case "Create" -> Set.of(1);
                case "Update" -> Set.of(0, 1);
                default -> Set.of(0);
            };
            assertEquals(expected, byType.keySet(), message);
            byType.forEach((type, image) -> {
                assertEquals(type == 0 ? "PreImage" : "PostImage", image.get("entityalias").asText());
                assertEquals(message.equals("Create") ? "Id" : "Target", image.get("messagepropertyname").asText());
                assertTrue(image.path("attributes").isMissingNode() || image.get("attributes").isNull(), "all columns");
            });
        }

        for (Received write : dataverse.writes()) {
            assertEquals("POST", write.method());
            assertEquals("application/json", write.header("Content-Type"));
            assertEquals("4.0", write.header("OData-Version"));
            assertEquals("Bearer " + DataverseWebApiClientTest.TOKEN, write.header("Authorization"));
        }
        assertEquals(1 + 18 + 24, dataverse.writes().size());
    }

    @Test
    void aSecondRunSendsNoWriteAndSaysUnchanged() {
        register(URL, KEY);
        dataverse.clearReceived();

        RegistrationPlan again = register(URL, KEY);

        assertEquals(List.of(), dataverse.writes());
        assertFalse(again.hasWrites());
        assertEquals(1 + 18 + 24, again.count(Action.UNCHANGED));
        assertEquals(again.changes().size(), again.count(Action.UNCHANGED));
    }

    @Test
    void aNewKeyIsOneUpdateOfTheEndpoint() {
        register(URL, KEY);
        UUID endpointId = id(endpoint(), "serviceendpointid");
        dataverse.clearReceived();

        RegistrationPlan plan = register(URL, "rotated-function-key-0987654321");

        assertEquals(1, plan.count(Action.UPDATE));
        assertEquals(List.of("key"), plan.changes().get(0).fields());
        List<Received> writes = dataverse.writes();
        assertEquals(1, writes.size(), writes.toString());
        assertEquals("PATCH", writes.get(0).method());
        assertEquals("/api/data/v9.2/serviceendpoints(" + endpointId + ")", writes.get(0).path());
        assertEquals("*", writes.get(0).header("If-Match"), "an update never creates");
        assertEquals("rotated-function-key-0987654321", writes.get(0).json().get("authvalue").asText());
        assertFalse(writes.get(0).json().has("url"));
        assertEquals("rotated-function-key-0987654321", dataverse.authValue(endpointId));

        dataverse.clearReceived();
        register(URL, "rotated-function-key-0987654321");
        assertEquals(List.of(), dataverse.writes(), "the new key is recognised on the next run");
    }

    @Test
    void aNewUrlIsOneUpdateOfTheEndpoint() {
        register(URL, KEY);
        dataverse.clearReceived();
        String moved = "https://contoso-health-2.azurewebsites.net/api/dataverse/webhook";

        RegistrationPlan plan = register(moved, KEY);

        assertEquals(List.of("url"), plan.changes().get(0).fields());
        List<Received> writes = dataverse.writes();
        assertEquals(1, writes.size(), writes.toString());
        assertEquals("PATCH", writes.get(0).method());
        assertEquals(moved, writes.get(0).json().get("url").asText());
        assertFalse(writes.get(0).json().has("authvalue"), "the key is sent only when it changed");
        assertEquals(moved, endpoint().get("url").asText());
    }

    @Test
    void anEndpointRegisteredByHandUnderTheNameIsTakenOverNotDuplicated() {
        UUID byHand = dataverse.insert("serviceendpoints", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
            .put("name", "Synapse Link Health").put("contract", 8).put("url", URL).put("authtype", 4)
            .put("isauthvalueset", true));
        dataverse.insert("serviceendpoints", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
            .put("name", "Synapse Link Health").put("contract", 7).put("url", "https://sb.example/queue").put("authtype", 1));

        RegistrationPlan plan = register(URL, KEY);

        assertEquals(Action.UPDATE, plan.changes().get(0).action());
        assertEquals(List.of("key"), plan.changes().get(0).fields(), "its key cannot be read, so it is set");
        assertEquals(KEY, dataverse.authValue(byHand));
        assertEquals(2, dataverse.rows("serviceendpoints").size(), "a same-named endpoint of another contract is not ours");
        assertTrue(dataverse.rows(STEPS).stream().allMatch(st -> st.get("_eventhandler_value").asText().equals(byHand.toString())));
    }

    @Test
    void planningAloneSendsNoWrite() {
        RegistrationPlan plan = plan(URL, KEY);
        assertEquals(List.of(), dataverse.writes());
        assertEquals(Action.CREATE, plan.changes().get(0).action());
        assertEquals(1 + 18 + 24, plan.count(Action.CREATE));
        assertEquals(List.of(), dataverse.rows("serviceendpoints"));
        assertTrue(dataverse.received().stream().allMatch(r -> r.method().equals("GET")));
    }

    @Test
    void onlyWhatDiffersIsUpdated() {
        register(URL, KEY);
        ObjectNode step = dataverse.rows(STEPS).stream()
            .filter(s -> s.get("name").asText().equals("Synapse Link Health: Update of synapselinkprofile")).findFirst().orElseThrow();
        UUID stepId = id(step, "sdkmessageprocessingstepid");
        dataverse.edit(STEPS, stepId, "mode", 0);
        ObjectNode image = dataverse.rows(IMAGES).stream()
            .filter(i -> i.get("_sdkmessageprocessingstepid_value").asText().equals(stepId.toString())
                && i.get("imagetype").asInt() == 0).findFirst().orElseThrow();
        dataverse.edit(IMAGES, id(image, "sdkmessageprocessingstepimageid"), "attributes", "name");
        dataverse.clearReceived();

        RegistrationPlan plan = register(URL, KEY);

        assertEquals(2, plan.count(Action.UPDATE));
        List<Received> writes = dataverse.writes();
        assertEquals(2, writes.size(), writes.toString());
        assertEquals("/api/data/v9.2/sdkmessageprocessingsteps(" + stepId + ")", writes.get(0).path());
        assertEquals(1, writes.get(0).json().get("mode").asInt());
        assertTrue(writes.get(1).path().startsWith("/api/data/v9.2/sdkmessageprocessingstepimages("));
        assertTrue(writes.get(1).json().get("attributes").isNull());
        dataverse.clearReceived();
        register(URL, KEY);
        assertEquals(List.of(), dataverse.writes());
    }

    @Test
    void aTableThatDoesNotAllowCustomStepsIsSkipped() {
        dataverse.disallowCustomSteps("synapselinkschedule");

        RegistrationPlan plan = register(URL, KEY);

        List<PlannedChange> skipped = plan.changes().stream().filter(c -> c.action() == Action.SKIP).toList();
        assertEquals(3, skipped.size());
        for (PlannedChange c : skipped) {
            assertTrue(c.name().endsWith(" of synapselinkschedule"), c.name());
            assertEquals("table does not allow custom steps", c.reason());
        }
        assertEquals(15, dataverse.rows(STEPS).size());
        dataverse.clearReceived();
        assertFalse(register(URL, KEY).hasWrites());
        assertEquals(List.of(), dataverse.writes());
    }

    @Test
    void messageFiltersAreAskedPerMessageWhenTheLookupIsNotReturned() {
        dataverse.hideFilterMessageLookup();
        dataverse.disallowCustomSteps("synapselinkprofileentity");

        RegistrationPlan plan = register(URL, KEY);

        assertEquals(3, plan.count(Action.SKIP));
        assertEquals(15, dataverse.rows(STEPS).size());
        for (ObjectNode step : dataverse.rows(STEPS)) {
            String[] words = step.get("name").asText().substring("Synapse Link Health: ".length()).split(" of ");
            assertEquals(dataverse.filterId(words[0], words[1]).toString(), step.get("_sdkmessagefilterid_value").asText());
        }
        assertTrue(dataverse.received().stream().map(r -> URLDecoder.decode(r.query() == null ? "" : r.query(),
            StandardCharsets.UTF_8)).anyMatch(q -> q.endsWith("$filter=primaryobjecttypecode eq 'synapsedatabase' and "
            + "sdkmessageid/name eq 'Delete'")));
    }

    @Test
    void followsNextLinksWhenTheServicePagesSmall() {
        dataverse.pageSize(2);
        register(URL, KEY);
        assertEquals(18, dataverse.rows(STEPS).size());
        dataverse.clearReceived();
        assertEquals(1 + 18 + 24, register(URL, KEY).count(Action.UNCHANGED));
        assertTrue(dataverse.received().stream().anyMatch(r -> r.query() != null && r.query().contains("skiptoken")));
        assertEquals(List.of(), dataverse.writes());
    }

    @Test
    void removeDeletesOnlyWhatRegisterCreated() {
        UUID foreignEndpoint = dataverse.insert("serviceendpoints", new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode().put("name", "Other webhook").put("contract", 8).put("url", "https://other.example/hook")
            .put("authtype", 4));
        UUID foreignStep = dataverse.insert(STEPS, step("Other: Update of synapselinkprofile", foreignEndpoint));
        register(URL, KEY);
        dataverse.clearReceived();

        RegistrationPlan plan = remove();

        assertEquals(1 + 18 + 24, plan.count(Action.DELETE));
        assertEquals(1 + 18 + 24, dataverse.writes().size());
        assertTrue(dataverse.writes().stream().allMatch(w -> w.method().equals("DELETE")));
        assertEquals(List.of(foreignStep.toString()),
            dataverse.rows(STEPS).stream().map(s -> s.get("sdkmessageprocessingstepid").asText()).toList());
        assertEquals(List.of(foreignEndpoint.toString()),
            dataverse.rows("serviceendpoints").stream().map(s -> s.get("serviceendpointid").asText()).toList());
        assertEquals(List.of(), dataverse.rows(IMAGES));

        dataverse.clearReceived();
        assertEquals(List.of(), remove().changes(), "nothing left to remove");
        assertEquals(List.of(), dataverse.writes());
    }

    @Test
    void removeKeepsTheEndpointWhileSomeoneElsesStepUsesIt() {
        register(URL, KEY);
        UUID endpointId = id(endpoint(), "serviceendpointid");
        UUID foreignStep = dataverse.insert(STEPS, step("Contoso audit: Update of account", endpointId));
        dataverse.clearReceived();

        RegistrationPlan plan = remove();

        assertEquals(18 + 24, plan.count(Action.DELETE));
        assertEquals(2, plan.count(Action.KEEP));
        assertEquals(List.of(foreignStep.toString()),
            dataverse.rows(STEPS).stream().map(s -> s.get("sdkmessageprocessingstepid").asText()).toList());
        assertEquals(1, dataverse.rows("serviceendpoints").size());
        assertTrue(dataverse.writes().stream().noneMatch(w -> w.path().contains(foreignStep.toString())
            || w.path().contains("serviceendpoints")));
    }

    @Test
    void registerLeavesSomeoneElsesStepOnTheEndpointAlone() {
        register(URL, KEY);
        UUID foreignStep = dataverse.insert(STEPS, step("Contoso audit: Update of account", id(endpoint(), "serviceendpointid")));
        dataverse.clearReceived();
        assertFalse(register(URL, KEY).hasWrites());
        assertEquals(List.of(), dataverse.writes());
        assertTrue(dataverse.rows(STEPS).stream().anyMatch(s -> s.get("sdkmessageprocessingstepid").asText()
            .equals(foreignStep.toString())));
    }

    private ObjectNode step(String name, UUID endpointId) {
        return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("name", name)
            .put("stage", 40).put("mode", 1)
            .put("_eventhandler_value", endpointId.toString())
            .put("_sdkmessageid_value", dataverse.messageId("Update").toString())
            .put("_sdkmessagefilterid_value", dataverse.filterId("Update", "account").toString());
    }

    @Test
    void queriesUseSimpleDocumentedFilters() {
        register(URL, KEY);
        List<String> filters = dataverse.received().stream().filter(r -> r.method().equals("GET"))
            .map(r -> URLDecoder.decode(r.query(), StandardCharsets.UTF_8)).toList();
        assertTrue(filters.contains("$select=serviceendpointid,name,contract,url,authtype,isauthvalueset,description"
            + "&$filter=name eq 'Synapse Link Health'"), filters.toString());
        assertTrue(filters.contains("$select=sdkmessageid,name&$filter=name eq 'Update'"), filters.toString());
        for (StateTable table : StateTable.values()) {
            assertTrue(filters.stream().anyMatch(f -> f.endsWith("$filter=primaryobjecttypecode eq '"
                + table.logicalName() + "'")), table.toString());
        }
    }

    @Test
    void throttledWritesAreRetriedAfterRetryAfter() {
        dataverse.throttleOnce("POST", STEPS);
        dataverse.throttleOnce("GET", "sdkmessagefilters");
        long started = System.nanoTime();

        register(URL, KEY);

        assertTrue(System.nanoTime() - started >= 2_000_000_000L, "waited Retry-After twice");
        assertEquals(18, dataverse.rows(STEPS).size());
        assertEquals(1 + 18 + 24 + 1, dataverse.writes().size(), "one POST was sent twice");
    }

    @Test
    void aMissingPrivilegeIsNamed() {
        dataverse.refuse("POST", STEPS, 403, "Principal user (Id=3f1c..., type=8, roleCount=1, privilegeCount=400, "
            + "accessMode=0), is missing prvCreateSdkMessageProcessingStep privilege (Id=a1b2...) on OTC=4608 for "
            + "entity 'sdkmessageprocessingstep'.");
        DataverseWebApiException e = assertThrows(DataverseWebApiException.class, () -> register(URL, KEY));
        assertEquals(Kind.FORBIDDEN, e.kind());
        assertTrue(e.getMessage().contains("403"), e.getMessage());
        assertTrue(e.getMessage().contains("missing prvCreateSdkMessageProcessingStep on sdkmessageprocessingstep"),
            e.getMessage());
        assertTrue(e.getMessage().contains("System Customizer or System Administrator"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY));
    }

    @Test
    void aRefusedTokenIsUnauthorized() {
        dataverse.acceptToken("another-token");
        DataverseWebApiException e = assertThrows(DataverseWebApiException.class, () -> plan(URL, KEY));
        assertEquals(Kind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("401") && e.getMessage().contains("expired"), e.getMessage());
        assertFalse(e.getMessage().contains(DataverseWebApiClientTest.TOKEN));
    }

    @Test
    void noCredentialIsSaidPlainly() {
        com.azure.core.credential.TokenCredential none = request -> reactor.core.publisher.Mono.error(
            new com.azure.identity.CredentialUnavailableException("DefaultAzureCredential failed to retrieve a token "
                + "from the included credentials.\nEnvironmentCredential authentication unavailable."));
        DataverseWebApiClient signedOut = FakeDataverseRegistration.loopbackClient(dataverse.url(), none);
        long started = System.nanoTime();
        DataverseWebApiException e = assertThrows(DataverseWebApiException.class,
            () -> new RegistrationPlanner(signedOut).plan(new WebhookTarget(URL, KEY)));
        assertTrue(System.nanoTime() - started < 700_000_000L, "a missing credential is not retried");
        assertEquals(Kind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().startsWith("No access token for 127.0.0.1 could be obtained"), e.getMessage());
        assertTrue(e.getMessage().contains("--access-token"), e.getMessage());
        assertEquals(List.of(), dataverse.received(), "nothing is sent without a token");
    }

    @Test
    void aServerThatIsNotDataverseIsAWrongEnvironment() {
        DataverseWebApiClient wrong = FakeDataverseRegistration.loopbackClient(dataverse.url() + "/not-dataverse", credential);
        DataverseWebApiException e = assertThrows(DataverseWebApiException.class,
            () -> new RegistrationPlanner(wrong).plan(new WebhookTarget(URL, KEY)));
        assertEquals(Kind.NOT_FOUND_ENVIRONMENT, e.kind());
        assertTrue(e.getMessage().contains("check the environment URL"), e.getMessage());
    }

    @Test
    void anUnknownHostIsAWrongEnvironment() {
        DataverseWebApiClient wrong = new DataverseWebApiClient("https://no-such-env.invalid", credential,
            new com.azure.core.http.netty.NettyAsyncHttpClientBuilder().build());
        DataverseWebApiException e = assertThrows(DataverseWebApiException.class,
            () -> new RegistrationPlanner(wrong).planRemoval());
        assertEquals(Kind.NOT_FOUND_ENVIRONMENT, e.kind());
        assertTrue(e.getMessage().contains("no-such-env.invalid"), e.getMessage());
    }

    @Test
    void theTargetNeverShowsTheKey() {
        WebhookTarget target = new WebhookTarget(URL + "?code=in-the-url", KEY);
        assertFalse(target.toString().contains(KEY));
        assertFalse(target.toString().contains("in-the-url"));
        assertEquals(URL + "?***", target.redactedUrl());
        assertTrue(target.urlCarriesCode());
        assertFalse(RegistrationPlanner.endpointDescription(target).contains(KEY));
        assertEquals(16, target.keyFingerprint().length());
        assertFalse(new WebhookTarget(URL, KEY).urlCarriesCode());
        for (String bad : new String[] {null, "", "http://x.azurewebsites.net/api/dataverse/webhook", "/api/dataverse/webhook",
            "https://x.azurewebsites.net:8443/api", "https://user@x.azurewebsites.net/api", "not a url"}) {
            assertThrows(IllegalArgumentException.class, () -> new WebhookTarget(bad, KEY), String.valueOf(bad));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new WebhookTarget("http://x.example/hook?code=" + KEY, KEY));
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WebhookTarget(URL, " "));
        assertNull(WebhookTarget.redact(null));
    }
}
