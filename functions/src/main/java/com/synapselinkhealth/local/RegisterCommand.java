package com.synapselinkhealth.local;

import com.synapselinkhealth.text.VisibleText;
import com.synapselinkhealth.webapi.DataverseCredentials;
import com.synapselinkhealth.webapi.DataverseWebApiClient;
import com.synapselinkhealth.webapi.DataverseWebApiException;
import com.synapselinkhealth.webapi.registration.PlannedChange;
import com.synapselinkhealth.webapi.registration.PlannedChange.Action;
import com.synapselinkhealth.webapi.registration.PlannedChange.EndpointChange;
import com.synapselinkhealth.webapi.registration.RegisteredStep;
import com.synapselinkhealth.webapi.registration.RegistrationApplier;
import com.synapselinkhealth.webapi.registration.RegistrationPlan;
import com.synapselinkhealth.webapi.registration.RegistrationPlanner;
import com.synapselinkhealth.webapi.registration.WebhookTarget;

import com.azure.core.credential.TokenCredential;
import java.io.PrintStream;

/**
 * {@code ./linkhealth register --environment URL --url WEBHOOK_URL --key FUNCTION_KEY [--access-token T] [--dry-run]
 * [--remove]}: registers the webhook endpoint and its steps and images in Dataverse, or shows (dry run) or removes
 * them. Exit status 0 when done, 1 when Dataverse refused or could not be reached, 2 for a wrong command line. The
 * function key and the access token are never printed.
 */
final class RegisterCommand {
    static final String USAGE = String.join("\n",
        "Usage: linkhealth register --environment URL --url WEBHOOK_URL --key FUNCTION_KEY [--access-token TOKEN] [--dry-run]",
        "       linkhealth register --environment URL --remove [--access-token TOKEN] [--dry-run]",
        "",
        "  --environment URL   the Dataverse environment, e.g. https://contoso.crm.dynamics.com",
        "  --url WEBHOOK_URL   the function's webhook, e.g. https://<app>.azurewebsites.net/api/dataverse/webhook",
        "  --key FUNCTION_KEY  the function key Dataverse sends as ?code= (never printed; else $" + Options.KEY_VARIABLE
            + ", which keeps it out of the process list)",
        "  --access-token T    a bearer token for the environment (else $" + DataverseCredentials.ACCESS_TOKEN_VARIABLE
            + ", else DefaultAzureCredential)",
        "  --dry-run           print the plan (create/update/unchanged/delete per item) and change nothing",
        "  --remove            delete the steps, images and endpoint that register created");

    /** Makes the Web API client for an environment (tests point it at a local stand-in). */
    interface ClientFactory {
        DataverseWebApiClient create(String environmentUrl, TokenCredential credential);
    }

    /**
     * The Azure SDK logs a failed request (and its retries) itself; the command says what went wrong in one line, so
     * those logs stay off. Held here because the JDK keeps loggers only weakly.
     */
    private static final java.util.logging.Logger AZURE_LOGS = java.util.logging.Logger.getLogger("com.azure");

    private RegisterCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, DataverseWebApiClient::connect);
    }

    static int run(String[] args, PrintStream out, PrintStream err, ClientFactory clients) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Redactor redactor = new Redactor(options.key, options.accessToken);
        AZURE_LOGS.setLevel(java.util.logging.Level.OFF);
        try {
            WebhookTarget target = options.remove ? null : new WebhookTarget(options.url, options.key);
            DataverseWebApiClient client = clients.create(options.environment, DataverseCredentials.choose(options.accessToken,
                System.getenv()));
            if (target != null && target.urlCarriesCode()) {
                err.println("Note: --url already has a code= parameter; with WebhookKey authentication Dataverse adds "
                    + "?code=<key> itself, so give the URL without it.");
            }
            RegistrationPlanner planner = new RegistrationPlanner(client);
            RegistrationPlan plan = options.remove ? planner.planRemoval() : planner.plan(target);
            return report(options, client, target, plan, out);
        } catch (IllegalArgumentException e) {
            err.println("register: " + VisibleText.of(redactor.apply(e.getMessage())));
            return 2;
        } catch (DataverseWebApiException e) {
            err.println("register: " + VisibleText.of(redactor.apply(e.getMessage())));
            return 1;
        }
    }

    private static int report(Options options, DataverseWebApiClient client, WebhookTarget target,
        RegistrationPlan plan, PrintStream out) {
        String host = client.environmentHost();
        out.println((options.remove ? "Removing the Synapse Link Health webhook from " : "Registering the Synapse Link "
            + "Health webhook in ") + host + (options.dryRun ? " (dry run: nothing is changed)" : "") + ":");
        if (target != null) {
            out.println("  webhook " + target.redactedUrl() + ", authentication WebhookKey, key ***");
        }
        if (plan.changes().isEmpty()) {
            out.println("Nothing to remove: " + host + " has no webhook named '" + RegisteredStep.ENDPOINT_NAME + "'.");
            out.flush();
            return 0;
        }
        if (options.dryRun) {
            plan.changes().forEach(c -> out.println(line(c, c.action().planned(), target)));
            out.println("Dry run, nothing was changed. Plan: " + summary(plan, false));
        } else {
            new RegistrationApplier(client).apply(plan, target, c -> {
                out.println(line(c, c.action().done(), target));
                out.flush();
            });
            if (plan.hasWrites()) {
                out.println("Done: " + summary(plan, true));
            } else if (options.remove) {
                out.println("Nothing to remove that register created (" + plan.count(Action.KEEP) + " kept).");
            } else {
                out.println("Nothing to change: the registration is up to date (" + plan.count(Action.UNCHANGED)
                    + " unchanged" + (plan.count(Action.SKIP) > 0 ? ", " + plan.count(Action.SKIP) + " skipped" : "")
                    + ").");
            }
        }
        if (!options.remove && plan.changes().stream().noneMatch(c -> c.component().equals("step")
            && c.action() != Action.SKIP && c.action() != Action.DELETE)) {
            out.println("Note: no step could be registered on the Synapse Link tables in " + host
                + "; use the reconciliation read instead.");
        }
        out.flush();
        return 0;
    }

    /** e.g. {@code   update    endpoint Synapse Link Health (url, key)}. */
    static String line(PlannedChange change, String verb, WebhookTarget target) {
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

    private static String summary(RegistrationPlan plan, boolean done) {
        return (done ? "created " : "create ") + plan.count(Action.CREATE)
            + (done ? ", updated " : ", update ") + plan.count(Action.UPDATE)
            + (done ? ", deleted " : ", delete ") + plan.count(Action.DELETE)
            + "; " + plan.count(Action.UNCHANGED) + " unchanged"
            + (plan.count(Action.SKIP) > 0 ? ", " + plan.count(Action.SKIP) + " skipped" : "")
            + (plan.count(Action.KEEP) > 0 ? ", " + plan.count(Action.KEEP) + " kept" : "") + ".";
    }

    /** Replaces the secrets of this run in a message by {@code ***}. */
    private record Redactor(String key, String token) {
        String apply(String message) {
            String out = message == null ? "failed" : message;
            for (String secret : new String[] {key, token}) {
                if (secret != null && secret.length() >= 4) {
                    out = out.replace(secret, "***");
                }
            }
            return out.replace('\n', ' ');
        }
    }

    /** The command line. */
    static final class Options {
        String environment;
        String url;
        String key;
        String accessToken;
        boolean dryRun;
        boolean remove;

        /** The environment variable that may carry the function key instead of {@code --key}. */
        static final String KEY_VARIABLE = "LINKHEALTH_WEBHOOK_KEY";

        static Options parse(String[] args) {
            return parse(args, System.getenv());
        }

        static Options parse(String[] args, java.util.Map<String, String> environment) {
            Options o = new Options();
            CommandLine options = new CommandLine(args);
            while (options.next()) {
                switch (options.name()) {
                    case "--environment" -> o.environment = options.value();
                    case "--url" -> o.url = options.value();
                    case "--key" -> o.key = options.value();
                    case "--access-token" -> o.accessToken = options.value();
                    case "--dry-run" -> o.dryRun = true;
                    case "--remove" -> o.remove = true;
                    default -> throw new IllegalArgumentException("Unknown option '" + options.name()
                        + "' for register.\n\n" + USAGE);
                }
            }
            if (o.environment == null || o.environment.isBlank()) {
                throw new IllegalArgumentException("register needs --environment, e.g. --environment "
                    + "https://contoso.crm.dynamics.com.\n\n" + USAGE);
            }
            if (o.key == null && environment.get(KEY_VARIABLE) != null && !environment.get(KEY_VARIABLE).isBlank()) {
                o.key = environment.get(KEY_VARIABLE).strip();
            }
            if (!o.remove && (o.url == null || o.key == null)) {
                throw new IllegalArgumentException("register needs --url and --key or $" + KEY_VARIABLE
                    + " (or --remove).\n\n" + USAGE);
            }
            if (o.accessToken != null && o.accessToken.isBlank()) {
                throw new IllegalArgumentException("--access-token cannot be empty.");
            }
            return o;
        }
    }
}
