package com.synapselinkhealth.azure.tables;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * azure-data-tables logs every failed call at ERROR before throwing, including the answers these stores expect
 * and handle as ordinary outcomes: 409 (insert of an existing entity: a lost insert-if-absent, a repeated event),
 * 412 (a conditional save that lost to another writer) and 404 (a row not there yet). Under load that is a stream
 * of false errors. This drops exactly those records from the SDK's {@code TableClient} logger when it logs through
 * java.util.logging (the project routes SLF4J there); every other failure is still logged, and all of them still
 * reach the caller as exceptions.
 */
final class ExpectedFailureLogFilter implements Filter {
    private static final Pattern EXPECTED = Pattern.compile("^Status code (409|412|404)\\b.*", Pattern.DOTALL);
    /** Held so the configured logger is not collected (java.util.logging keeps loggers weakly). */
    private static final Logger TABLE_CLIENT = Logger.getLogger("com.azure.data.tables.TableClient");

    static {
        TABLE_CLIENT.setFilter(new ExpectedFailureLogFilter(TABLE_CLIENT.getFilter()));
    }

    private final Filter next;

    private ExpectedFailureLogFilter(Filter next) {
        this.next = next;
    }

    /** Installs the filter once (class initialization). */
    static void install() {
        // the static initializer did it
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (record.getLevel().intValue() >= Level.SEVERE.intValue() && message != null
            && EXPECTED.matcher(message).matches() && !message.contains("TableNotFound")) {
            return false;
        }
        return next == null || next.isLoggable(record);
    }
}
