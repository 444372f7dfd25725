package com.synapselinkhealth.local;

import com.synapselinkhealth.app.DataverseReader;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.cloudevents.HealthCloudEvents;
import com.synapselinkhealth.readback.DataverseRows;
import com.synapselinkhealth.reconcile.ReconcileReport;
import com.synapselinkhealth.reconcile.Reconciler;
import com.synapselinkhealth.reconcile.TableReport;
import com.synapselinkhealth.text.VisibleText;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./linkhealth reconcile --environment URL [--access-token T]}: reads the six state tables through the
 * Dataverse Web API, judges every row with fresh in-memory state (as {@code normalize} does with files) and prints
 * each health event as one CloudEvent JSON per line on stdout; a summary (rows per table, events) and any failure go
 * to stderr. Exit status 0 when every table was read, 1 when one could not be (token refused, missing privilege,
 * wrong environment, throttling), 2 for a wrong command line.
 */
final class ReconcileCommand {
    static final String USAGE_LINE =
        "  reconcile --environment URL [--access-token T]\n"
        + "                             read the six state tables through the Dataverse Web API and print the health\n"
        + "                             events (CloudEvents, one JSON per line); the environment and token default to\n"
        + "                             DATAVERSE_ENVIRONMENT_URL and DATAVERSE_ACCESS_TOKEN, else DefaultAzureCredential";

    /** Held here so that its level sticks (java.util.logging keeps loggers weakly). */
    private static final Logger AZURE_LOGS = Logger.getLogger("com.azure");

    private ReconcileCommand() {
    }

    /**
     * The command as {@code ./linkhealth reconcile} runs it. The HTTP pipeline's own log lines (a "Connection refused"
     * per retry) are held back meanwhile: the summary says what failed, once and plainly.
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args, env::get);
        } catch (IllegalArgumentException | Settings.InvalidSettingException e) {
            err.println(e.getMessage().replace("Setting --environment is", "--environment is"));
            err.println();
            err.println("Usage: linkhealth reconcile --environment URL [--access-token T]");
            return 2;
        }
        Level azureLevel = AZURE_LOGS.getLevel();
        AZURE_LOGS.setLevel(Level.OFF);
        try {
            DataverseRows rows;
            try {
                rows = DataverseReader.open(options.environment, options.accessToken);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 2;
            }
            return reconcile(rows, out, err);
        } finally {
            AZURE_LOGS.setLevel(azureLevel);
        }
    }

    /** Reconciles with {@code rows} on fresh in-memory state; prints events and the summary. */
    static int reconcile(DataverseRows rows, PrintStream out, PrintStream err) {
        try (LinkHealth app = LinkHealth.inMemory(Settings.of(Map.of()), Clock.systemUTC(), EventPublisher.NONE)) {
            ReconcileReport report = new Reconciler(rows, app.processor()).run();
            for (HealthEvent event : report.events()) {
                out.println(HealthCloudEvents.toJson(event));
            }
            out.flush();
            printSummary(report, err);
            return report.complete() ? 0 : 1;
        }
    }

    private static void printSummary(ReconcileReport report, PrintStream err) {
        if (report.stoppedBy().isPresent()) {
            err.println(VisibleText.of(report.stoppedBy().get().error()));
        }
        err.println("Read from " + VisibleText.of(report.organization()) + ":");
        int stop = report.stoppedBy().map(report.tables()::indexOf).orElse(Integer.MAX_VALUE);
        for (int i = 0; i < report.tables().size(); i++) {
            TableReport t = report.tables().get(i);
            if (i > stop) {
                err.printf("  %-31s not read%n", t.table().logicalName());
            } else if (t.isRead()) {
                err.printf("  %-31s %5d %s%s%n", t.table().logicalName(), t.rowsRead(), t.rowsRead() == 1 ? "row" : "rows",
                    t.skipped().isEmpty() ? "" : " (" + t.skipped().size() + " skipped)");
                t.skipped().forEach(s -> err.println("    " + VisibleText.of(String.valueOf(s))));
            } else if (i < stop) {
                err.printf("  %-31s failed: %s%n", t.table().logicalName(), VisibleText.of(t.error()));
            } else {
                err.printf("  %-31s failed (see above)%n", t.table().logicalName());
            }
        }
        int events = report.events().size();
        err.println(events + (events == 1 ? " health event." : " health events."));
        err.flush();
    }

    /** The command line, with the environment variables as fallbacks. */
    static final class Options {
        URI environment;
        String accessToken;

        static Options parse(String[] args, Function<String, String> env) {
            String environment = null;
            String token = null;
            CommandLine options = new CommandLine(args);
            while (options.next()) {
                switch (options.name()) {
                    case "--environment" -> environment = options.value();
                    case "--access-token" -> token = options.value();
                    default -> throw new IllegalArgumentException("Unknown option '" + options.name()
                        + "' for reconcile.");
                }
            }
            Options o = new Options();
            String source = "--environment";
            if (environment == null || environment.isBlank()) {
                environment = env.apply(Settings.DATAVERSE_ENVIRONMENT_URL);
                source = Settings.DATAVERSE_ENVIRONMENT_URL;
            }
            if (environment == null || environment.isBlank()) {
                throw new IllegalArgumentException("reconcile needs the Dataverse environment: --environment "
                    + "https://<org>.crm.dynamics.com (or set " + Settings.DATAVERSE_ENVIRONMENT_URL + ").");
            }
            o.environment = Settings.parseDataverseEnvironment(source, environment);
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("--access-token cannot be empty.");
            }
            o.accessToken = token != null ? token : blankToNull(env.apply(Settings.DATAVERSE_ACCESS_TOKEN));
            return o;
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
