package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.synapselinkhealth.status.HealthState;
import com.synapselinkhealth.status.StatusException;
import com.synapselinkhealth.status.StatusService;
import com.synapselinkhealth.status.json.StatusJson;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The connector's profile actions: {@code GET /api/profiles} (ListProfiles), {@code GET
 * /api/profiles/{profileId}/health} (GetProfileHealth), {@code GET /api/profiles/{profileId}/tables}
 * (ListProfileTables, optionally {@code ?state=}) and {@code GET /api/profiles/{profileId}/tables/{table}}
 * (GetTableStatus). A profile id that is not a GUID is answered 400; an unknown profile or table 404.
 */
public final class ProfilesFunctions {
    public static final String PROFILES_ROUTE = "profiles";
    public static final String PROFILE_HEALTH_ROUTE = "profiles/{profileId}/health";
    public static final String PROFILE_TABLES_ROUTE = "profiles/{profileId}/tables";
    public static final String TABLE_STATUS_ROUTE = "profiles/{profileId}/tables/{table}";

    private final Supplier<StatusService> status;

    /** @param status asked for on first need in each request (a malformed profile id is answered without it) */
    public ProfilesFunctions(Supplier<StatusService> status) {
        this.status = status;
    }

    @FunctionName("ListProfiles")
    public HttpResponseMessage listProfiles(
        @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = PROFILES_ROUTE,
            authLevel = AuthorizationLevel.FUNCTION)
        HttpRequestMessage<Optional<String>> request,
        ExecutionContext context) {
        return StatusResponses.answer(request,
            () -> StatusJson.profileList(status.get().profiles()));
    }

    @FunctionName("GetProfileHealth")
    public HttpResponseMessage getProfileHealth(
        @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = PROFILE_HEALTH_ROUTE,
            authLevel = AuthorizationLevel.FUNCTION)
        HttpRequestMessage<Optional<String>> request,
        @BindingName("profileId") String profileId,
        ExecutionContext context) {
        return StatusResponses.answer(request, () -> StatusJson.profileHealth(
            status.get().profileHealth(StatusResponses.profileId(profileId))));
    }

    @FunctionName("ListProfileTables")
    public HttpResponseMessage listProfileTables(
        @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = PROFILE_TABLES_ROUTE,
            authLevel = AuthorizationLevel.FUNCTION)
        HttpRequestMessage<Optional<String>> request,
        @BindingName("profileId") String profileId,
        ExecutionContext context) {
        return StatusResponses.answer(request, () -> {
            var id = StatusResponses.profileId(profileId);
            HealthState state = healthState(request.getQueryParameters());
            return StatusJson.tableList(status.get().tables(id, state));
        });
    }

    @FunctionName("GetTableStatus")
    public HttpResponseMessage getTableStatus(
        @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = TABLE_STATUS_ROUTE,
            authLevel = AuthorizationLevel.FUNCTION)
        HttpRequestMessage<Optional<String>> request,
        @BindingName("profileId") String profileId,
        @BindingName("table") String table,
        ExecutionContext context) {
        return StatusResponses.answer(request, () -> StatusJson.tableStatus(
            status.get().table(StatusResponses.profileId(profileId), table)));
    }

    private static HealthState healthState(Map<String, String> query) {
        String text = query == null ? null : query.get("state");
        if (text == null || text.isBlank()) {
            return null;
        }
        return HealthState.fromWireName(text.trim()).orElseThrow(() ->
            StatusException.invalidParameter("state", text, "healthy, failing, paused or stalled"));
    }
}
