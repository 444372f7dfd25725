package com.synapselinkhealth.local;

import com.synapselinkhealth.config.Settings;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * {@code ./linkhealth}: run the app on this machine with embedded stores. Reads the command's name, prints the usage
 * and hands the rest of the command line to the command ({@link DemoCommand}, {@link ServeCommand},
 * {@link NormalizeCommand}, {@link RegisterCommand}, {@link ReconcileCommand}).
 */
public final class Main {
    static final String USAGE = String.join("\n",
        "Usage: linkhealth <command> [options]",
        "",
        "Commands:",
        "  demo [--no-wait]           replay sample Synapse Link callbacks through a local server, print the events and",
        "                             the status page URL, and (in a terminal, unless --no-wait) keep serving the page",
        "  serve [--port N] [--host H] [--stall-check-seconds N] [--reconcile-seconds N] [--allow-local-callbacks]",
        "                             the function key comes from LINKHEALTH_FUNCTION_KEY (--function-key KEY also",
        "                             works, but shows the key in the process list);",
        "                             host the function app on this machine (embedded in-memory stores and queues,",
        "                             or Azure Tables and Storage queues when AzureWebJobsStorage is set);",
        "                             --allow-local-callbacks lets subscriptions use http and loopback URLs (development only);",
        "                             with DATAVERSE_ENVIRONMENT_URL it reconciles every --reconcile-seconds (900; 0 = off);",
        "                             the health digest runs on --digest-schedule 'S M H d m w' (NCRONTAB, UTC; default",
        "                             LINKHEALTH_DIGEST_SCHEDULE, else 0 0 7 * * *; off = never)",
        "  normalize FILE...          print the health events (CloudEvents, one JSON per line) of webhook bodies",
        "  register --environment URL --url WEBHOOK_URL --key KEY [--access-token T] [--dry-run] [--remove]",
        "                             register the webhook, its steps and images in Dataverse (see register --help)",
        ReconcileCommand.USAGE_LINE,
        "  help                       show this text",
        "",
        "Settings come from environment variables (see docs/configuration.md).");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        quietJdkLogging();
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** @return the exit status, or -1 when a server keeps running */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "normalize" -> NormalizeCommand.run(rest, out, err);
                case "serve" -> ServeCommand.run(rest, out);
                case "demo" -> DemoCommand.run(rest, out);
                case "register" -> RegisterCommand.run(rest, out, err);
                case "reconcile" -> ReconcileCommand.run(rest, System.getenv(), out, err);
                default -> {
                    err.println("Unknown command '" + args[0] + "'.\n\n" + USAGE);
                    yield 2;
                }
            };
        } catch (UsageException | Settings.InvalidSettingException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static void quietJdkLogging() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.WARNING);
        handler.setFormatter(new VisibleLogFormatter());
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
    }
}
