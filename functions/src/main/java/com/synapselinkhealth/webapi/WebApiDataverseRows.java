package com.synapselinkhealth.webapi;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.readback.DataverseReadException.Kind;
import com.synapselinkhealth.readback.DataverseReadException;
import com.synapselinkhealth.readback.DataverseRows;
import com.synapselinkhealth.readback.RowSnapshot;
import com.synapselinkhealth.readback.TableRows;
import com.synapselinkhealth.statetables.Column;
import com.synapselinkhealth.statetables.Columns;
import com.synapselinkhealth.statetables.StateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The state tables read through the Dataverse Web API: {@code $select} of the columns this service knows (with
 * their formatted values), each row turned into the same {@link RowChange} a callback gives. An environment whose
 * table lacks one of those columns answers 400 to the {@code $select}; that table is then read with every column.
 */
public final class WebApiDataverseRows implements DataverseRows {
    private final DataverseWebApiClient client;
    private final boolean staticToken;
    private final Set<StateTable> readWithoutSelect = ConcurrentHashMap.newKeySet();

    /**
     * @param staticToken the credential is a token obtained elsewhere, so a 401 means it expired or is wrong
     */
    public WebApiDataverseRows(DataverseWebApiClient client, boolean staticToken) {
        this.client = Objects.requireNonNull(client, "'client' cannot be null.");
        this.staticToken = staticToken;
    }

    /**
     * A reader on the default netty HTTP client. The environment must be https; plain http is accepted only on a
     * loopback host (a local stand-in), so a token never travels unencrypted off the machine.
     */
    public static WebApiDataverseRows connect(String environmentUrl, TokenCredential credential) {
        return connect(environmentUrl, credential, new NettyAsyncHttpClientBuilder().build());
    }

    public static WebApiDataverseRows connect(String environmentUrl, TokenCredential credential, HttpClient http) {
        return new WebApiDataverseRows(new DataverseWebApiClient(environmentUrl, credential, http, true),
            credential instanceof StaticTokenCredential);
    }

    @Override
    public String organization() {
        return client.environmentHost();
    }

    @Override
    public TableRows readTable(StateTable table) {
        List<JsonNode> rows = read(table, select -> client.readAll(table, select));
        List<RowChange> changes = new ArrayList<>(rows.size());
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                changes.add(WebApiRows.toRowChange(table, rows.get(i), organization()));
            } catch (IllegalArgumentException e) {
                skipped.add("Row " + (i + 1) + " of " + table.entitySetName() + " skipped: " + e.getMessage());
            }
        }
        return new TableRows(table, changes, skipped);
    }

    @Override
    public Optional<RowSnapshot> readRow(StateTable table, UUID rowId) {
        Optional<JsonNode> row = read(table, select -> client.readRow(table, rowId, select));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RowSnapshot(WebApiRows.attributes(table, row.get()),
                WebApiRows.formattedValues(table, row.get())));
        } catch (IllegalArgumentException e) {
            throw new DataverseReadException(Kind.OTHER, "The " + table.logicalName() + " row " + rowId + " read from "
                + organization() + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** The properties to ask for: every known column, a lookup as {@code _<name>_value}. */
    static List<String> select(StateTable table) {
        List<String> out = new ArrayList<>();
        for (Column column : Columns.of(table).values()) {
            out.add(column.type() == Column.Type.LOOKUP ? "_" + column.name() + "_value" : column.name());
        }
        return out;
    }

    private <T> T read(StateTable table, Function<List<String>, T> call) {
        try {
            if (!readWithoutSelect.contains(table)) {
                try {
                    return call.apply(select(table));
                } catch (DataverseWebApiException e) {
                    if (e.statusCode() != 400) {
                        throw e;
                    }
                    readWithoutSelect.add(table); // a column this environment's table does not have
                }
            }
            return call.apply(List.of());
        } catch (DataverseWebApiException e) {
            throw translate(e);
        } catch (ClientAuthenticationException e) {
            throw tokenUnavailable(e);
        }
    }

    private DataverseReadException translate(DataverseWebApiException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ClientAuthenticationException auth) {
                return tokenUnavailable(auth);
            }
        }
        return switch (e.kind()) {
            case UNAUTHORIZED -> new DataverseReadException(Kind.UNAUTHORIZED, staticToken
                ? "Dataverse at " + organization() + " refused the access token (401 Unauthorized): the token given with "
                    + "--access-token or DATAVERSE_ACCESS_TOKEN is expired or invalid (its expiry is not known here), or "
                    + "is for another environment. Get a new one, e.g. 'az account get-access-token --resource https://"
                    + organization() + "'."
                : e.getMessage() + " The token came from DefaultAzureCredential (managed identity in Azure): check that "
                    + "this identity is an application user of the environment.", null);
            case FORBIDDEN -> new DataverseReadException(Kind.FORBIDDEN, e.getMessage(), null);
            case NOT_FOUND_ENVIRONMENT -> new DataverseReadException(Kind.WRONG_ENVIRONMENT, e.getMessage(), null);
            case THROTTLED -> new DataverseReadException(Kind.THROTTLED, e.getMessage(), null);
            case OTHER -> {
                int status = e.statusCode();
                Kind kind = status == 404 ? Kind.TABLE_MISSING
                    : status >= 500 || status == 408 || (status == 0 && e.getCause() != null) ? Kind.UNAVAILABLE
                    : Kind.OTHER;
                yield new DataverseReadException(kind, e.getMessage(), null);
            }
        };
    }

    private DataverseReadException tokenUnavailable(ClientAuthenticationException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName()
            : DataverseWebApiClient.redact(e.getMessage().lines().findFirst().orElse(""));
        return new DataverseReadException(Kind.UNAUTHORIZED, "Could not get a token for " + organization()
            + " from DefaultAzureCredential: " + reason + " Sign in (e.g. 'az login'), give the Function app a managed "
            + "identity, or pass a token with --access-token / DATAVERSE_ACCESS_TOKEN.", null);
    }
}
