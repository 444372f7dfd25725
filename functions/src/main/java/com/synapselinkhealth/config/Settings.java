package com.synapselinkhealth.config;

import com.synapselinkhealth.ingest.StallPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The app settings (environment variables) this service reads, each with its default. The README's
 * configuration table and {@code local.settings.sample.json} list the same names.
 */
public final class Settings {
    public static final String MAX_BODY_BYTES = "LINKHEALTH_MAX_BODY_BYTES";
    public static final String STALL_MULTIPLIER = "LINKHEALTH_STALL_MULTIPLIER";
    public static final String STALL_FLOOR_MINUTES = "LINKHEALTH_STALL_FLOOR_MINUTES";
    public static final String MAX_DEQUEUE_COUNT = "LINKHEALTH_MAX_DEQUEUE_COUNT";
    public static final String EXPECTED_ORGANIZATION = "LINKHEALTH_EXPECTED_ORGANIZATION";
    public static final String DELIVERY_RETRY_SCHEDULE = "LINKHEALTH_DELIVERY_RETRY_SCHEDULE";
    public static final String STATUS_PAGE_URL = "LINKHEALTH_STATUS_PAGE_URL";
    public static final String STATUS_PAGE_ANONYMOUS = "LINKHEALTH_STATUS_PAGE_ANONYMOUS";

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_DEQUEUE_COUNT = 5;

    private final Function<String, String> source;

    private Settings(Function<String, String> source) {
        this.source = source;
    }

    public static Settings fromEnvironment() {
        return new Settings(System::getenv);
    }

    public static Settings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new Settings(copy::get);
    }

    /** This configuration with some settings replaced (used by the local runner's flags). */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> copy = Map.copyOf(overrides);
        Function<String, String> base = source;
        return new Settings(name -> copy.containsKey(name) ? copy.get(name) : base.apply(name));
    }

    public String get(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Largest accepted callback body, bytes. Dataverse never sends more than 256 KB. */
    public long maxBodyBytes() {
        return positiveLong(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES);
    }

    public StallPolicy stallPolicy() {
        double multiplier = StallPolicy.DEFAULT.multiplier();
        String text = get(STALL_MULTIPLIER);
        if (text != null) {
            try {
                multiplier = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(STALL_MULTIPLIER, text, "a number of at least 1");
            }
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new InvalidSettingException(STALL_MULTIPLIER, text, "a number of at least 1");
            }
        }
        long floor = positiveLong(STALL_FLOOR_MINUTES, StallPolicy.DEFAULT.floor().toMinutes());
        return new StallPolicy(multiplier, Duration.ofMinutes(floor));
    }

    /** How many times the ingest queue tries a message before it is poison (keep equal to host.json). */
    public int maxDequeueCount() {
        return (int) Math.min(Integer.MAX_VALUE, positiveLong(MAX_DEQUEUE_COUNT, DEFAULT_MAX_DEQUEUE_COUNT));
    }

    /** When set, Service Bus messages whose Organization claim names another organization are refused. */
    public String expectedOrganization() {
        return get(EXPECTED_ORGANIZATION);
    }

    /** The waits between delivery attempts, e.g. {@code 5s,30s,2m,10m,30m,2h,6h,12h}. */
    public com.synapselinkhealth.delivery.RetrySchedule deliveryRetrySchedule() {
        String text = get(DELIVERY_RETRY_SCHEDULE);
        if (text == null) {
            return com.synapselinkhealth.delivery.RetrySchedule.DEFAULT;
        }
        try {
            return com.synapselinkhealth.delivery.RetrySchedule.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(DELIVERY_RETRY_SCHEDULE, text, "a comma-separated list of delays like 5s,30s,2m,1h");
        }
    }

    /** Where cards and messages link to (no function key in it), or {@code null} for no link. */
    public com.synapselinkhealth.messages.StatusPageLink statusPageLink() {
        String text = get(STATUS_PAGE_URL);
        if (text == null) {
            return null;
        }
        try {
            return com.synapselinkhealth.messages.StatusPageLink.parse(text);
        } catch (IllegalArgumentException e) {
            // the value is not repeated: it may hold a key
            throw new InvalidSettingException(STATUS_PAGE_URL, "(not shown)", "an absolute https URL of the status page without "
                + "a key (" + e.getMessage() + ")");
        }
    }

    /** Whether the anonymous status page ({@code GET /api/public/status}) answers; off unless set to true. */
    public boolean statusPageAnonymous() {
        String text = get(STATUS_PAGE_ANONYMOUS);
        if (text == null || text.equalsIgnoreCase("false")) {
            return false;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidSettingException(STATUS_PAGE_ANONYMOUS, text, "true or false");
    }

    private long positiveLong(String name, long fallback) {
        String text = get(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(name, text, "a positive whole number");
    }

    /** A setting whose value cannot be used: start-up stops and says which and why. */
    public static final class InvalidSettingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidSettingException(String name, String value, String expected) {
            super("Setting " + Objects.requireNonNull(name) + " is '" + value + "'; it must be " + expected + ".");
        }
    }
}
