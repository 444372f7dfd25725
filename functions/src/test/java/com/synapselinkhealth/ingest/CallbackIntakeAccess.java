package com.synapselinkhealth.ingest;

/** Test access to {@link CallbackIntake}'s hash of a kept body, from tests in other packages. */
public final class CallbackIntakeAccess {
    private CallbackIntakeAccess() {
    }

    public static String sha256(byte[] body) {
        return CallbackIntake.sha256(body);
    }
}
