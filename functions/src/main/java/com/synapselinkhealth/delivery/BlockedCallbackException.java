package com.synapselinkhealth.delivery;

/** A callback URL this service refuses to call: not https, or its host resolves to a non-public address. */
public final class BlockedCallbackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BlockedCallbackException(String message) {
        super(message);
    }
}
