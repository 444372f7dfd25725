package com.synapselinkhealth.webapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.webapi.DataverseWebApiException.Kind;
import com.synapselinkhealth.webapi.FakeDataverse.Answer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The Web API client against a local stand-in that answers in the documented OData shapes. */
public class DataverseWebApiClientTest {
    public static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.fake-token-for-tests";
    static final String ROOT = "/api/data/v9.2/";

    /** Returns a fixed token and remembers the scopes asked for. */
    public static final class FakeCredential implements TokenCredential {
        final List<List<String>> scopes = new CopyOnWriteArrayList<>();

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            scopes.add(request.getScopes());
            return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
        }
    }

    private FakeDataverse dataverse;
    private final FakeCredential credential = new FakeCredential();
    private final HttpClient http = new NettyAsyncHttpClientBuilder().build();

    @BeforeEach
    void start() throws Exception {
        dataverse = new FakeDataverse();
    }

    @AfterEach
    void stop() {
        dataverse.close();
    }

    private DataverseWebApiClient client() {
        return new DataverseWebApiClient(dataverse.url() + "/", credential, http, true);
    }

    private static String page(String rows, String nextLink) {
        return "{\"@odata.context\":\"ctx\",\"value\":[" + rows + "]"
            + (nextLink == null ? "" : ",\"@odata.nextLink\":\"" + nextLink + "\"") + "}";
    }

    private static String profileRow(int n) {
        return "{\"@odata.etag\":\"W/\\\"" + n + "\\\"\",\"synapselinkprofileid\":\"" + new UUID(0, n)
            + "\",\"name\":\"profile " + n + "\"}";
    }

    @Test
    void pagesThroughNextLinksVerbatimWithHeadersAndToken() {
        String set = ROOT + "synapselinkprofiles";
        String next1 = set + "?$skiptoken=%3Ccookie%20pagenumber=%222%22%20/%3E";
        String next2 = set + "?$skiptoken=%3Ccookie%20pagenumber=%223%22%20/%3E";
        dataverse.on(set, Answer.json(page(profileRow(1) + "," + profileRow(2), dataverse.url() + next1)))
            .on(next1, Answer.json(page(profileRow(3), dataverse.url() + next2)))
            .on(next2, Answer.json(page(profileRow(4), null)));

        List<JsonNode> rows = client().readAll(StateTable.PROFILE);

        assertEquals(List.of("profile 1", "profile 2", "profile 3", "profile 4"),
            rows.stream().map(r -> r.get("name").asText()).toList());
        assertEquals(List.of(set, next1, next2), dataverse.received.stream().map(FakeDataverse.Received::pathAndQuery).toList());
        for (FakeDataverse.Received r : dataverse.received) {
            assertEquals("GET", r.method());
            assertEquals("Bearer " + TOKEN, r.header("Authorization"));
            assertEquals("application/json", r.header("Accept"));
            assertEquals("4.0", r.header("OData-MaxVersion"));
            assertEquals("4.0", r.header("OData-Version"));
            assertEquals("odata.include-annotations=\"OData.Community.Display.V1.FormattedValue,"
                + "Microsoft.Dynamics.CRM.lookuplogicalname\",odata.maxpagesize=500", r.header("Prefer"));
        }
        assertTrue(credential.scopes.contains(List.of(dataverse.url() + "/.default")), credential.scopes.toString());
    }

    @Test
    void aRelativeNextLinkIsFollowedFromThePageItCameWith() {
        String set = ROOT + "synapselinkprofiles";
        dataverse.on(set, Answer.json(page(profileRow(1), "synapselinkprofiles?$skiptoken=2")))
            .on(set + "?$skiptoken=2", Answer.json(page(profileRow(2), null)));
        assertEquals(2, client().readAll(StateTable.PROFILE).size());
        assertEquals(List.of(set, set + "?$skiptoken=2"),
            dataverse.received.stream().map(FakeDataverse.Received::pathAndQuery).toList());
    }

    @Test
    void selectAsksForTheGivenPropertiesOnly() {
        UUID id = new UUID(0, 5);
        dataverse.on(ROOT + "synapselinkprofiles(" + id + ")?$select=name,_datalakefolder_value",
            Answer.json(profileRow(5)));
        assertEquals("profile 5", client().readRow(StateTable.PROFILE, id, List.of("name", "_datalakefolder_value"))
            .orElseThrow().get("name").asText());
        assertThrows(IllegalArgumentException.class,
            () -> client().readRow(StateTable.PROFILE, id, List.of("name&$filter=x")));
    }

    @Test
    void throttledThenOkSucceedsAfterRetryAfter() {
        String set = ROOT + "synapselinkschedules";
        dataverse.on(set, new Answer(429, Map.of("Retry-After", "1"),
                "{\"error\":{\"code\":\"0x80072322\",\"message\":\"Number of requests exceeded the limit\"}}"),
            Answer.json(page("{\"synapselinkscheduleid\":\"" + new UUID(0, 9) + "\"}", null)));

        long started = System.nanoTime();
        List<JsonNode> rows = client().readAll(StateTable.SCHEDULE);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(1, rows.size());
        assertEquals(2, dataverse.received.size());
        assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "waited only " + took);
    }

    @Test
    void serviceUnavailableIsRetriedToo() {
        String set = ROOT + "synapsedatabases";
        dataverse.on(set, new Answer(503, Map.of("Retry-After", "0"), ""), Answer.json(page("", null)));
        assertEquals(List.of(), client().readAll(StateTable.DATABASE));
        assertEquals(2, dataverse.received.size());
    }

    @Test
    void stillThrottledAfterRetriesIsThrottled() {
        String set = ROOT + "synapsedatabases";
        dataverse.on(set, new Answer(429, Map.of("Retry-After", "0"), ""));
        DataverseWebApiException e = assertThrows(DataverseWebApiException.class, () -> client().readAll(StateTable.DATABASE));
        assertEquals(Kind.THROTTLED, e.kind());
        assertEquals(1 + DataverseWebApiClient.MAX_RETRIES, dataverse.received.size());
    }

    @Test
    void unauthorizedSaysSoWithoutTheToken() {
        dataverse.on(ROOT + "synapselinkprofiles", new Answer(401, Map.of("WWW-Authenticate", "Bearer error=invalid_token"),
            "{\"error\":{\"code\":\"0x80072560\",\"message\":\"ExpiredAuthTicket Bearer " + TOKEN + "\"}}"));
        DataverseWebApiException e = assertThrows(DataverseWebApiException.class, () -> client().readAll(StateTable.PROFILE));
        assertEquals(Kind.UNAUTHORIZED, e.kind());
        assertEquals(401, e.statusCode());
        assertTrue(e.getMessage().contains("refused the access token"), e.getMessage());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertFalse(e.getMessage().contains("fake-token"), e.getMessage());
        assertEquals(1, dataverse.received.size());
    }

    @Test
    void forbiddenNamesTheMissingPrivilege() {
        dataverse.on(ROOT + "synapselinkprofileentitystates", new Answer(403, Map.of(),
            "{\"error\":{\"code\":\"0x80040220\",\"message\":\"Principal user is missing prvReadsynapselinkprofileentitystate privilege\"}}"));
        DataverseWebApiException e = assertThrows(DataverseWebApiException.class,
            () -> client().readAll(StateTable.PROFILE_ENTITY_STATE));
        assertEquals(Kind.FORBIDDEN, e.kind());
        assertTrue(e.getMessage().contains("privilege"), e.getMessage());
        assertTrue(e.getMessage().contains("synapselinkprofileentitystates"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void readRowFindsTheRowAndAbsentRowIsEmpty() {
        UUID id = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");
        UUID gone = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
        dataverse.on(ROOT + "synapselinkprofileentitystates(" + id + ")",
                Answer.json("{\"synapselinkprofileentitystateid\":\"" + id + "\",\"entityname\":\"contact\"}"))
            .on(ROOT + "synapselinkprofileentitystates(" + gone + ")", new Answer(404, Map.of(),
                "{\"error\":{\"code\":\"0x80040217\",\"message\":\"Entity with Id = " + gone + " Does Not Exist\"}}"));

        Optional<JsonNode> row = client().readRow(StateTable.PROFILE_ENTITY_STATE, id);
        assertEquals("contact", row.orElseThrow().get("entityname").asText());
        assertEquals(Optional.empty(), client().readRow(StateTable.PROFILE_ENTITY_STATE, gone));
    }

    @Test
    void notFoundWithoutDataverseAnswerIsAWrongEnvironment() {
        DataverseWebApiException e = assertThrows(DataverseWebApiException.class, () -> client().readAll(StateTable.PROFILE));
        assertEquals(Kind.NOT_FOUND_ENVIRONMENT, e.kind());
        assertTrue(e.getMessage().contains("check the environment URL"), e.getMessage());
    }

    @Test
    void unknownHostIsAWrongEnvironment() {
        DataverseWebApiClient client = new DataverseWebApiClient("https://no-such-env.invalid", credential, http);
        DataverseWebApiException e = assertThrows(DataverseWebApiException.class, () -> client.readAll(StateTable.PROFILE));
        assertEquals(Kind.NOT_FOUND_ENVIRONMENT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-env.invalid"), e.getMessage());
    }

    @Test
    void environmentUrlMustBeHttpsWithAHost() {
        for (String bad : new String[] {null, "", "contoso.crm.dynamics.com", "http://contoso.crm.dynamics.com",
            "ftp://contoso.crm.dynamics.com", "https://", "https:///path", "not a url",
            "https://contoso.crm.dynamics.com/?x=1"}) {
            assertThrows(IllegalArgumentException.class, () -> new DataverseWebApiClient(bad, credential, http), bad);
        }
        assertThrows(IllegalArgumentException.class,
            () -> new DataverseWebApiClient("http://127.0.0.1:1", credential, http), "http needs the test flag");
        assertThrows(IllegalArgumentException.class,
            () -> new DataverseWebApiClient("http://example.com", credential, http, true), "only loopback over http");
        for (String secret : new String[] {"https://admin:hunter22@contoso.crm.dynamics.com",
            "http://admin:hunter22@contoso.crm.dynamics.com", "https://contoso.crm.dynamics.com/?sig=hunter22"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataverseWebApiClient(secret, credential, http));
            assertFalse(e.getMessage().contains("hunter22"), e.getMessage());
        }
        DataverseWebApiClient ok = new DataverseWebApiClient("https://contoso.crm.dynamics.com/", credential, http);
        assertEquals("https://contoso.crm.dynamics.com/api/data/v9.2/", ok.serviceRoot());
        assertEquals("contoso.crm.dynamics.com", ok.environmentHost());
    }
}
