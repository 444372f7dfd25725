package com.synapselinkhealth.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The app settings (environment variables) this service reads, each with its default. The configuration table
 * (docs/configuration.md) and {@code local.settings.sample.json} list the same names.
 */
public final class Settings {
    public static final String MAX_BODY_BYTES = "LINKHEALTH_MAX_BODY_BYTES";
    public static final String STALL_MULTIPLIER = "LINKHEALTH_STALL_MULTIPLIER";
    public static final String STALL_FLOOR_MINUTES = "LINKHEALTH_STALL_FLOOR_MINUTES";
    public static final String MAX_DEQUEUE_COUNT = "LINKHEALTH_MAX_DEQUEUE_COUNT";
    public static final String DRIFT_SYNCS = "LINKHEALTH_DRIFT_SYNCS";
    public static final String DRIFT_MIN_ROWS = "LINKHEALTH_DRIFT_MIN_ROWS";
    public static final String DRIFT_PERCENT = "LINKHEALTH_DRIFT_PERCENT";
    public static final String DIGEST_SCHEDULE = "LINKHEALTH_DIGEST_SCHEDULE";
    public static final String DEFAULT_DIGEST_SCHEDULE = "0 0 7 * * *";
    public static final String ROW_HISTORY = "LINKHEALTH_ROW_HISTORY";
    public static final String ROW_HISTORY_HOURS = "LINKHEALTH_ROW_HISTORY_HOURS";
    /** Versions kept per row: a day of 15-minute syncs (96) with room for the state changes between them. */
    public static final int DEFAULT_ROW_HISTORY = 128;
    public static final int DEFAULT_ROW_HISTORY_HOURS = 48;
    public static final String EXPECTED_ORGANIZATION = "LINKHEALTH_EXPECTED_ORGANIZATION";
    public static final String DELIVERY_RETRY_SCHEDULE = "LINKHEALTH_DELIVERY_RETRY_SCHEDULE";
    /** The Dataverse environment whose Web API refetch and reconciliation read, e.g. https://contoso.crm.dynamics.com. */
    public static final String DATAVERSE_ENVIRONMENT_URL = "DATAVERSE_ENVIRONMENT_URL";
    /** A token obtained elsewhere for that environment; without it, DefaultAzureCredential. Never logged. */
    public static final String DATAVERSE_ACCESS_TOKEN = "DATAVERSE_ACCESS_TOKEN";
    /** The reconciliation timer's NCRONTAB schedule (read by the host through %LINKHEALTH_RECONCILE_SCHEDULE%). */
    public static final String RECONCILE_SCHEDULE = "LINKHEALTH_RECONCILE_SCHEDULE";
    public static final String DEFAULT_RECONCILE_SCHEDULE = "0 */15 * * * *";
    public static final String STATUS_PAGE_URL = "LINKHEALTH_STATUS_PAGE_URL";
    public static final String STATUS_PAGE_ANONYMOUS = "LINKHEALTH_STATUS_PAGE_ANONYMOUS";

    public static final double DEFAULT_STALL_MULTIPLIER = 3.0;
    public static final long DEFAULT_STALL_FLOOR_MINUTES = 60;
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

    /** How many times its schedule's interval a table may go without a sync before it counts as stalled (at least 1). */
    public double stallMultiplier() {
        String text = get(STALL_MULTIPLIER);
        if (text == null) {
            return DEFAULT_STALL_MULTIPLIER;
        }
        double multiplier;
        try {
            multiplier = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(STALL_MULTIPLIER, text, "a number of at least 1");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new InvalidSettingException(STALL_MULTIPLIER, text, "a number of at least 1");
        }
        return multiplier;
    }

    /** The least time without a sync that counts as stalled, whatever the schedule (default an hour). */
    public Duration stallFloor() {
        return Duration.ofMinutes(positiveLong(STALL_FLOOR_MINUTES, DEFAULT_STALL_FLOOR_MINUTES));
    }

    /** Advancing versions in a row whose lake count must be off before RecordCountDrift (default 3). */
    public int driftSyncs() {
        long syncs = positiveLong(DRIFT_SYNCS, 3);
        if (syncs > 50) {
            throw new InvalidSettingException(DRIFT_SYNCS, get(DRIFT_SYNCS), "a whole number from 1 to 50");
        }
        return (int) syncs;
    }

    /** The least difference between lake and Dataverse row counts that counts as drift (default 100). */
    public long driftMinRows() {
        return positiveLong(DRIFT_MIN_ROWS, 100);
    }

    /** The difference that counts as drift, in percent of Dataverse's row count (default 1). */
    public double driftPercent() {
        String text = get(DRIFT_PERCENT);
        if (text == null) {
            return 1.0;
        }
        try {
            double percent = Double.parseDouble(text);
            if (percent >= 0 && percent <= 100) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidSettingException(DRIFT_PERCENT, text, "a number from 0 to 100");
    }

    /** NCRONTAB schedule of the daily digest (default 07:00 UTC). */
    public String digestSchedule() {
        String text = get(DIGEST_SCHEDULE);
        if (text == null || text.isBlank()) {
            return DEFAULT_DIGEST_SCHEDULE;
        }
        try {
            return NcrontabSchedule.parse(text).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(DIGEST_SCHEDULE, text,
                "a six-field NCRONTAB schedule (second minute hour day month day-of-week), e.g. 0 0 7 * * *");
        }
    }

    /** How many versions of each state-table row are kept to judge late changes by (at least 2). */
    public int rowHistoryVersions() {
        long versions = positiveLong(ROW_HISTORY, DEFAULT_ROW_HISTORY);
        if (versions < 2 || versions > 10_000) {
            throw new InvalidSettingException(ROW_HISTORY, get(ROW_HISTORY), "a whole number from 2 to 10000");
        }
        return (int) versions;
    }

    /** How far back from a row's newest version its history reaches. */
    public Duration rowHistoryMaxAge() {
        return Duration.ofHours(positiveLong(ROW_HISTORY_HOURS, DEFAULT_ROW_HISTORY_HOURS));
    }

    /** How many times the ingest queue tries a message before it is poison (keep equal to host.json). */
    public int maxDequeueCount() {
        return (int) Math.min(Integer.MAX_VALUE, positiveLong(MAX_DEQUEUE_COUNT, DEFAULT_MAX_DEQUEUE_COUNT));
    }

    /** When set, Service Bus messages whose Organization claim names another organization are refused. */
    public String expectedOrganization() {
        return get(EXPECTED_ORGANIZATION);
    }

    /**
     * The waits between delivery attempts as written, e.g. {@code 5s,30s,2m,10m,30m,2h,6h,12h}, or {@code null} for
     * the default schedule.
     */
    public String deliveryRetrySchedule() {
        return get(DELIVERY_RETRY_SCHEDULE);
    }

    /**
     * The Dataverse environment of {@value #DATAVERSE_ENVIRONMENT_URL}, or empty when it is not set (refetch and
     * reconciliation are then off).
     *
     * @throws InvalidSettingException when it is not just an https environment address
     */
    public java.util.Optional<java.net.URI> dataverseEnvironment() {
        String text = get(DATAVERSE_ENVIRONMENT_URL);
        return text == null ? java.util.Optional.empty()
            : java.util.Optional.of(parseDataverseEnvironment(DATAVERSE_ENVIRONMENT_URL, text));
    }

    /**
     * The token of {@value #DATAVERSE_ACCESS_TOKEN}, or {@code null}. Never log it.
     *
     * @throws InvalidSettingException (without the value) when it holds spaces or other characters no token has
     */
    public String dataverseAccessToken() {
        String token = get(DATAVERSE_ACCESS_TOKEN);
        if (token != null && token.replaceFirst("(?i)^bearer\\s+", "").chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            throw new InvalidSettingException(DATAVERSE_ACCESS_TOKEN, "***", "an access token alone (e.g. the accessToken "
                + "of 'az account get-access-token'), without spaces");
        }
        return token;
    }

    /**
     * An environment address: {@code https://<host>[:port]} with nothing after it (a trailing slash is fine). Plain
     * {@code http} is accepted only on a loopback host (a local stand-in), where a token cannot leave the machine.
     *
     * @param name the setting or option it came from, for the message
     * @throws InvalidSettingException saying what is wrong
     */
    public static java.net.URI parseDataverseEnvironment(String name, String text) {
        String expected = "an https environment address like https://contoso.crm.dynamics.com";
        String shown = Urls.withoutSecrets(text); // a user name, password or query may hold a secret
        java.net.URI uri;
        try {
            uri = new java.net.URI(text.trim());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidSettingException(name, shown, expected + " (it is not a valid URL)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || host.isBlank()) {
            throw new InvalidSettingException(name, shown, expected + " (scheme and host name)");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(host))) {
            throw new InvalidSettingException(name, shown, expected + " (https; http only for a loopback stand-in)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidSettingException(name, shown, expected
                + " without a user name or password");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSettingException(name, shown, expected + " with no path or query (the Web API "
                + "path api/data/v9.2 is added by the app)");
        }
        return java.net.URI.create(scheme + "://" + uri.getRawAuthority());
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    /** Where cards and messages link to (no function key in it) as written, or {@code null} for no link. */
    public String statusPageUrl() {
        return get(STATUS_PAGE_URL);
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
