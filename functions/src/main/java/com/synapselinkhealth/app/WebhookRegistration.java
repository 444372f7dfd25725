package com.synapselinkhealth.app;

import com.azure.core.credential.TokenCredential;
import com.synapselinkhealth.text.VisibleText;
import com.synapselinkhealth.webapi.DataverseCredentials;
import com.synapselinkhealth.webapi.DataverseWebApiClient;
import com.synapselinkhealth.webapi.DataverseWebApiException;
import com.synapselinkhealth.webapi.registration.PlannedChange.Action;
import com.synapselinkhealth.webapi.registration.PlannedChange.EndpointChange;
import com.synapselinkhealth.webapi.registration.PlannedChange;
import com.synapselinkhealth.webapi.registration.RegisteredStep;
import com.synapselinkhealth.webapi.registration.RegistrationApplier;
import com.synapselinkhealth.webapi.registration.RegistrationPlan;
import com.synapselinkhealth.webapi.registration.RegistrationPlanner;
import com.synapselinkhealth.webapi.registration.WebhookTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The webhook's registration in one Dataverse environment, as {@code ./linkhealth register} makes it: the Web API
 * client built from the credentials, the plan of the registration (or of its removal) and its application, each
 * change said in one line. A call that Dataverse refused, or that could not reach it, is a {@link DataverseFailure}.
 * The function key and the access token are never in a line.
 */
public final class WebhookRegistration {
    /** The name of the service endpoint the registration creates. */
    public static final String ENDPOINT_NAME = RegisteredStep.ENDPOINT_NAME;

    /** Makes the Web API client for an environment (tests point it at a local stand-in). */
    public interface Clients {
        /** The Dataverse Web API itself. */
        Clients WEB_API = DataverseWebApiClient::connect;

        DataverseWebApiClient create(String environmentUrl, TokenCredential credential);
    }

    /** A Dataverse Web API call that failed; the message says why in plain words, without the access token. */
    public static final class DataverseFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DataverseFailure(DataverseWebApiException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final DataverseWebApiClient client;
    /** Where the webhook posts, or null for a removal. */
    private final WebhookTarget target;

    private WebhookRegistration(DataverseWebApiClient client, WebhookTarget target) {
        this.client = client;
        this.target = target;
    }

    /**
     * @param webhookUrl the webhook to register, or {@code null} to remove the registration
     * @param key the function key Dataverse sends to {@code webhookUrl}
     * @param accessToken the {@code --access-token} value, or {@code null} for the environment's variable, else
     *     {@code DefaultAzureCredential}
     * @param environmentVariables where that variable is looked up
     * @throws IllegalArgumentException for a webhook or environment URL that cannot be used
     */
    public static WebhookRegistration connect(String environmentUrl, String webhookUrl, String key, String accessToken,
        Map<String, String> environmentVariables, Clients clients) {
        WebhookTarget target = webhookUrl == null ? null : new WebhookTarget(webhookUrl, key);
        DataverseWebApiClient client = dataverse(() -> clients.create(environmentUrl,
            DataverseCredentials.choose(accessToken, environmentVariables)));
        return new WebhookRegistration(client, target);
    }

    public String environmentHost() {
        return client.environmentHost();
    }

    /** The webhook URL with its query string hidden; empty for a removal. */
    public Optional<String> redactedUrl() {
        return Optional.ofNullable(target).map(WebhookTarget::redactedUrl);
    }

    /** True when the webhook URL already has a {@code code=} parameter (Dataverse adds its own). */
    public boolean urlCarriesCode() {
        return target != null && target.urlCarriesCode();
    }

    /** Reads what is registered now and plans the registration, or its removal. */
    public Plan plan() {
        RegistrationPlanner planner = new RegistrationPlanner(client);
        return new Plan(dataverse(() -> target == null ? planner.planRemoval() : planner.plan(target)));
    }

    private static <T> T dataverse(Supplier<T> call) {
        try {
            return call.get();
        } catch (DataverseWebApiException e) {
            throw new DataverseFailure(e);
        }
    }

    /** What the registration (or its removal) will do: its changes, one line each, and their counts. */
    public final class Plan {
        private final RegistrationPlan plan;

        private Plan(RegistrationPlan plan) {
            this.plan = plan;
        }

        /** True when there is nothing at all: a removal from an environment without the endpoint. */
        public boolean isEmpty() {
            return plan.changes().isEmpty();
        }

        /** Each change as planned, e.g. {@code   update    endpoint Synapse Link Health (url, key)}. */
        public List<String> lines() {
            return plan.changes().stream().map(c -> line(c, c.action().planned())).toList();
        }

        /** Carries the plan out; {@code done} gets each change's line once it is done. */
        public void apply(Consumer<String> done) {
            dataverse(() -> {
                new RegistrationApplier(client).apply(plan, target, c -> done.accept(line(c, c.action().done())));
                return null;
            });
        }

        /** True when applying the plan sends at least one write request. */
        public boolean hasWrites() {
            return plan.hasWrites();
        }

        public long unchanged() {
            return plan.count(Action.UNCHANGED);
        }

        public long skipped() {
            return plan.count(Action.SKIP);
        }

        public long kept() {
            return plan.count(Action.KEEP);
        }

        /** True when the plan keeps or puts at least one step in place (none skipped, none deleted). */
        public boolean registersAStep() {
            return plan.changes().stream().anyMatch(c -> c.component().equals("step")
                && c.action() != Action.SKIP && c.action() != Action.DELETE);
        }

        /** e.g. {@code create 43, update 0, delete 0; 0 unchanged.}, or once done {@code created 43, ...}. */
        public String summary(boolean done) {
            return (done ? "created " : "create ") + plan.count(Action.CREATE)
                + (done ? ", updated " : ", update ") + plan.count(Action.UPDATE)
                + (done ? ", deleted " : ", delete ") + plan.count(Action.DELETE)
                + "; " + plan.count(Action.UNCHANGED) + " unchanged"
                + (plan.count(Action.SKIP) > 0 ? ", " + plan.count(Action.SKIP) + " skipped" : "")
                + (plan.count(Action.KEEP) > 0 ? ", " + plan.count(Action.KEEP) + " kept" : "") + ".";
        }

        private String line(PlannedChange change, String verb) {
            String suffix;
            if (change.action() == Action.SKIP) {
                suffix = " (skipped: " + change.reason() + ")";
            } else if (change.reason() != null) {
                suffix = " (" + change.reason() + ")";
            } else if (!change.fields().isEmpty()) {
                suffix = " (" + String.join(", ", change.fields()) + ")";
            } else if (change instanceof EndpointChange && change.action() == Action.CREATE && target != null) {
                suffix = " (contract Webhook, url " + target.redactedUrl() + ", authtype WebhookKey, key ***)";
            } else {
                suffix = "";
            }
            // names come from Dataverse (steps someone else registered too): shown, never acted on by the terminal
            return String.format("  %-9s %-8s %s%s", verb, change.component(), VisibleText.of(change.name()),
                VisibleText.of(suffix));
        }
    }
}
