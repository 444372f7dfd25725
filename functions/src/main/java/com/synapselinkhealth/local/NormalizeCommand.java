package com.synapselinkhealth.local;

import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RowChangeJson;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.cloudevents.HealthCloudEvents;
import com.synapselinkhealth.ingest.IntakeResult;
import com.synapselinkhealth.text.VisibleText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * {@code ./linkhealth normalize FILE...}: takes each file as a webhook body, in the order given, through the intake
 * and the rules on fresh in-memory state, and prints the health events as CloudEvents, one JSON per line. A file that
 * cannot be read or is rejected is said on stderr and makes the exit status 1.
 */
final class NormalizeCommand {
    private NormalizeCommand() {
    }

    static int run(String[] files, PrintStream out, PrintStream err) throws IOException {
        if (files.length == 0) {
            throw new UsageException("normalize needs at least one file.\n\n" + Main.USAGE);
        }
        LinkHealth app = LinkHealth.inMemory(Settings.fromEnvironment(), Clock.systemUTC(), EventPublisher.NONE);
        int status = 0;
        for (String file : files) {
            byte[] body;
            try {
                body = Files.readAllBytes(Path.of(file));
            } catch (NoSuchFileException e) {
                err.println(VisibleText.of(file) + ": no such file");
                status = 1;
                continue;
            } catch (IOException e) {
                err.println(VisibleText.of(file) + ": cannot be read: " + VisibleText.of(e.getMessage()));
                status = 1;
                continue;
            }
            IntakeResult result = app.intake().accept("normalize", body, null, Map.of(), TransportHints.NONE);
            if (result instanceof IntakeResult.Rejected rejected) {
                err.println(VisibleText.of(file) + ": rejected (" + rejected.problem().kind().name().toLowerCase().replace('_', '-') + "): "
                    + rejected.problem().getMessage());
                status = 1;
            } else if (result instanceof IntakeResult.Accepted accepted) {
                for (HealthEvent event : app.processor().process(RowChangeJson.read(accepted.queueMessage())).events()) {
                    out.println(HealthCloudEvents.toJson(event));
                }
            }
        }
        out.flush();
        return status;
    }
}
