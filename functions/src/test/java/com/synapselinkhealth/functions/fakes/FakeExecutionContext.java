package com.synapselinkhealth.functions.fakes;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** An {@link ExecutionContext} whose logger keeps every record (all levels) for the test to read. */
public final class FakeExecutionContext implements ExecutionContext {
    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();
    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();

    public FakeExecutionContext(String functionName) {
        this.functionName = functionName;
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

    public List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** Records at {@code level} or above. */
    public List<LogRecord> recordsAtLeast(Level level) {
        return records().stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
    }

    /** Every message, formatted, with the thrown exception's text if any: for assertions on what was logged. */
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
