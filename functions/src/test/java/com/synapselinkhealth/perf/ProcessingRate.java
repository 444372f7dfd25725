package com.synapselinkhealth.perf;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.synapselinkhealth.azure.tables.TableEventStore;
import com.synapselinkhealth.azure.tables.TableNames;
import com.synapselinkhealth.azure.tables.TableRowStateStore;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.dataverse.json.RemoteExecutionContextParser;
import com.synapselinkhealth.health.EventPublisher;
import com.synapselinkhealth.ingest.ChangeProcessor;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.Lifecycle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How fast the queue step works on Azure Storage: callbacks (already parsed, as the queue holds them) processed by
 * {@link ChangeProcessor} on the Table stores of a local Azurite, 4 workers. The workload is whole lives of
 * profile entity state rows ({@code --versions} callbacks each, full images), worked once in Dataverse's order and
 * once shuffled, so that each row's history grows as it does in a day.
 *
 * <pre>perf/processing-rate [--rows 100] [--versions 24] [--seed 7]</pre>
 */
public final class ProcessingRate {
    private ProcessingRate() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.SEVERE);
        int rows = 100;
        int versions = 24;
        long seed = 7;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--versions" -> versions = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path repo = Path.of(System.getProperty("linkhealth.repo", ".")).toAbsolutePath().normalize();
        System.out.println(Machine.describe());
        try (AzuriteProcess azurite = new AzuriteProcess(repo, Files.createTempDirectory("linkhealth-rate-"))) {
            azurite.start();
            TableServiceClient tables = new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
            for (boolean shuffled : new boolean[] {false, true}) {
                List<RowChange> changes = workload(rows, versions, new Random(seed + (shuffled ? 1 : 0)), shuffled);
                TableNames names = TableNames.withPrefix("rate" + (shuffled ? "s" : "o") + System.nanoTime() % 100_000);
                ChangeProcessor processor = new ChangeProcessor(new TableRowStateStore(tables, names),
                    new TableEventStore(tables, names), EventPublisher.NONE, Clock.systemUTC());
                // warm the clients and the JIT on other rows first
                work(processor, workload(20, 5, new Random(seed + 99), shuffled), 4);
                long t0 = System.nanoTime();
                work(processor, changes, 4);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "| %s | %d rows x %d versions | %d | %.1f | %.0f |%n",
                    shuffled ? "shuffled" : "in Dataverse's order", rows, versions, changes.size(), seconds,
                    changes.size() / seconds);
            }
            System.out.println("load average after: " + Machine.loadAverage());
        }
    }

    private static List<RowChange> workload(int rows, int versions, Random random, boolean shuffled) {
        RemoteExecutionContextParser parser = new RemoteExecutionContextParser();
        List<RowChange> changes = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (byte[] body : Lifecycle.random(StateTable.PROFILE_ENTITY_STATE, random, versions - 1, false).callbacks()) {
                changes.add(parser.parse(body, TransportHints.NONE));
            }
        }
        if (shuffled) {
            Collections.shuffle(changes, random);
        }
        return changes;
    }

    private static void work(ChangeProcessor processor, List<RowChange> changes, int workers) throws Exception {
        ConcurrentLinkedQueue<RowChange> queue = new ConcurrentLinkedQueue<>(changes);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(() -> {
                    for (RowChange c = queue.poll(); c != null; c = queue.poll()) {
                        processor.process(c);
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
