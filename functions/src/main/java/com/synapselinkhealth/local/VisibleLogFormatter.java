package com.synapselinkhealth.local;

import com.synapselinkhealth.text.VisibleText;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The console's log format ({@link SimpleFormatter}'s) with every message passed through {@link VisibleText}: a name
 * with a newline, ESC or a bidi override that reaches a log message cannot forge a second line or rewrite the
 * terminal. Stack traces keep their own lines.
 */
final class VisibleLogFormatter extends SimpleFormatter {
    @Override
    public String formatMessage(LogRecord record) {
        return VisibleText.of(super.formatMessage(record));
    }

    /** The record as SimpleFormatter writes it, each line of a stack trace (whose messages may hold names) made safe. */
    @Override
    public String format(LogRecord record) {
        String text = super.format(record);
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\r?\n", -1)) {
            if (out.length() > 0) {
                out.append(System.lineSeparator());
            }
            out.append(VisibleText.of(line));
        }
        return out.toString();
    }
}
