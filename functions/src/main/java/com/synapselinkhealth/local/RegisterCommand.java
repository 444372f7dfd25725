package com.synapselinkhealth.local;

import com.synapselinkhealth.app.WebhookRegistration;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.text.VisibleText;
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
        "  --access-token T    a bearer token for the environment (else $" + Settings.DATAVERSE_ACCESS_TOKEN
            + ", else DefaultAzureCredential)",
        "  --dry-run           print the plan (create/update/unchanged/delete per item) and change nothing",
        "  --remove            delete the steps, images and endpoint that register created");

    /**
     * The Azure SDK logs a failed request (and its retries) itself; the command says what went wrong in one line, so
     * those logs stay off. Held here because the JDK keeps loggers only weakly.
     */
    private static final java.util.logging.Logger AZURE_LOGS = java.util.logging.Logger.getLogger("com.azure");

    private RegisterCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, WebhookRegistration.Clients.WEB_API);
    }

    static int run(String[] args, PrintStream out, PrintStream err, WebhookRegistration.Clients clients) {
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
            WebhookRegistration registration = WebhookRegistration.connect(options.environment,
                options.remove ? null : options.url, options.key, options.accessToken, System.getenv(), clients);
            if (registration.urlCarriesCode()) {
                err.println("Note: --url already has a code= parameter; with WebhookKey authentication Dataverse adds "
                    + "?code=<key> itself, so give the URL without it.");
            }
            return report(options, registration, registration.plan(), out);
        } catch (IllegalArgumentException e) {
            err.println("register: " + VisibleText.of(redactor.apply(e.getMessage())));
            return 2;
        } catch (WebhookRegistration.DataverseFailure e) {
            err.println("register: " + VisibleText.of(redactor.apply(e.getMessage())));
            return 1;
        }
    }

    private static int report(Options options, WebhookRegistration registration, WebhookRegistration.Plan plan,
        PrintStream out) {
        String host = registration.environmentHost();
        out.println((options.remove ? "Removing the Synapse Link Health webhook from " : "Registering the Synapse Link "
            + "Health webhook in ") + host + (options.dryRun ? " (dry run: nothing is changed)" : "") + ":");
        registration.redactedUrl().ifPresent(url ->
            out.println("  webhook " + url + ", authentication WebhookKey, key ***"));
        if (plan.isEmpty()) {
            out.println("Nothing to remove: " + host + " has no webhook named '" + WebhookRegistration.ENDPOINT_NAME
                + "'.");
            out.flush();
            return 0;
        }
        if (options.dryRun) {
            plan.lines().forEach(out::println);
            out.println("Dry run, nothing was changed. Plan: " + plan.summary(false));
        } else {
            plan.apply(line -> {
                out.println(line);
                out.flush();
            });
            if (plan.hasWrites()) {
                out.println("Done: " + plan.summary(true));
            } else if (options.remove) {
                out.println("Nothing to remove that register created (" + plan.kept() + " kept).");
            } else {
                out.println("Nothing to change: the registration is up to date (" + plan.unchanged()
                    + " unchanged" + (plan.skipped() > 0 ? ", " + plan.skipped() + " skipped" : "")
                    + ").");
            }
        }
        if (!options.remove && !plan.registersAStep()) {
            out.println("Note: no step could be registered on the Synapse Link tables in " + host
                + "; use the reconciliation read instead.");
        }
        out.flush();
        return 0;
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
