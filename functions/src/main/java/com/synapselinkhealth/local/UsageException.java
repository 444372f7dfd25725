package com.synapselinkhealth.local;

/** A command line that cannot be run; the message says why. {@link Main} prints it and exits with status 2. */
final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
