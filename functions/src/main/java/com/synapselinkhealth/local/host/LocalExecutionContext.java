package com.synapselinkhealth.local.host;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The {@link ExecutionContext} the local runner gives each function call: its name, a fresh invocation id, a logger.
 * A {@linkplain #recording recording} context keeps what its call logged, every level, to be read back.
 */
public final class LocalExecutionContext implements ExecutionContext {
    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();
    private final Logger logger;
    /** What the call logged, or null when the context does not record. */
    private final List<LogRecord> records;

    /** A context that logs to {@code linkhealth.<functionName>}. */
    public LocalExecutionContext(String functionName) {
        this.functionName = functionName;
        this.logger = Logger.getLogger("linkhealth." + functionName);
        this.records = null;
    }

    private LocalExecutionContext(String functionName, List<LogRecord> records) {
        this.functionName = functionName;
        this.records = records;
        this.logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /** A context whose own logger keeps every record, all levels, and passes none on. */
    public static LocalExecutionContext recording(String functionName) {
        return new LocalExecutionContext(functionName, new ArrayList<>());
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    /** What was logged so far; always empty for a context that does not record. */
    public List<LogRecord> records() {
        if (records == null) {
            return List.of();
        }
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** The records at {@code level} or above. */
    public List<LogRecord> recordsAtLeast(Level level) {
        return records().stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
    }

    /** Every record as a line: level, message, and the thrown exception if any. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (LogRecord r : records()) {
            out.append(r.getLevel()).append(' ').append(r.getMessage());
            if (r.getThrown() != null) {
                out.append(" [").append(r.getThrown()).append(']');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
