package com.synapselinkhealth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The options every command reads: --name value, --name=value, flags, and what a missing value says. */
class CommandLineTest {
    @Test
    void readsBothFormsAndFlagsInOrder() {
        CommandLine options = new CommandLine(new String[] {"--port", "7071", "--key=a=b", "--dry-run"});
        assertTrue(options.next());
        assertEquals("--port", options.name());
        assertEquals(7071, options.intValue(0, 65535));
        assertTrue(options.next());
        assertEquals("--key", options.name());
        assertEquals("a=b", options.value(), "only the first = splits");
        assertTrue(options.next());
        assertEquals("--dry-run", options.name());
        assertFalse(options.next());
    }

    @Test
    void aMissingValueOrAnotherOptionInItsPlaceIsAUsageError() {
        CommandLine last = new CommandLine(new String[] {"--url"});
        last.next();
        assertEquals("--url needs a value.", assertThrows(UsageException.class, last::value).getMessage());
        CommandLine followed = new CommandLine(new String[] {"--key", "--dry-run"});
        followed.next();
        assertThrows(UsageException.class, followed::value);
        CommandLine inline = new CommandLine(new String[] {"--key=--starts-with-dashes"});
        inline.next();
        assertEquals("--starts-with-dashes", inline.value(), "the = form takes any value");
    }

    @Test
    void wholeNumbersAreCheckedAgainstTheirRange() {
        CommandLine options = new CommandLine(new String[] {"--port=70000", "--port", "x"});
        options.next();
        assertEquals("--port must be a whole number from 0 to 65535, not '70000'.",
            assertThrows(UsageException.class, () -> options.intValue(0, 65535)).getMessage());
        options.next();
        assertThrows(UsageException.class, () -> options.intValue(0, 65535));
    }
}
