package com.synapselinkhealth.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a measurement ran on, printed with every result. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        return "machine: nproc " + Runtime.getRuntime().availableProcessors() + ", JDK " + System.getProperty("java.vm.name")
            + " " + System.getProperty("java.runtime.version") + ", " + System.getProperty("os.name") + " "
            + System.getProperty("os.version") + ", load average " + loadAverage();
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
