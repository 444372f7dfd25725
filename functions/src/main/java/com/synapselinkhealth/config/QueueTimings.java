package com.synapselinkhealth.config;

import java.time.Duration;

/**
 * How the Azure Storage queues are worked when storage is configured: {@code serve}'s consumers hide a received
 * message for {@link #visibility()} (a server that dies mid-message leaves it to come back after that long; the
 * Functions host uses its own ten minutes, renewed while a function runs), and a delivery attempt's claim in the
 * ledger lasts {@link #lease()}, half of that (at most 5 minutes), so it ends before the message can be received
 * again.
 *
 * @param visibility {@value #VISIBILITY_SECONDS}, 120 s by default, 10 to 1200 s
 * @param holdQueues {@value #HOLD_QUEUES}: test only; {@code serve} accepts callbacks onto the queues but does not
 *     work them (to stop a server between accepting and processing)
 */
public record QueueTimings(Duration visibility, boolean holdQueues) {
    public static final String VISIBILITY_SECONDS = "LINKHEALTH_QUEUE_VISIBILITY_SECONDS";
    public static final String HOLD_QUEUES = "LINKHEALTH_TEST_HOLD_QUEUES";
    public static final Duration DEFAULT_VISIBILITY = Duration.ofSeconds(120);
    /** host.json {@code extensions.queues.visibilityTimeout}: when a message whose function failed is tried again. */
    public static final Duration HOST_RETRY_DELAY = Duration.ofSeconds(30);
    /** The longest claim: well inside the host's ten minutes, well beyond the 30 s a post may take. */
    public static final Duration MAX_LEASE = Duration.ofMinutes(5);
    static final long MIN_SECONDS = 2;
    static final long MAX_SECONDS = 1200;

    public static QueueTimings from(Settings settings) {
        Duration visibility = DEFAULT_VISIBILITY;
        String text = settings.get(VISIBILITY_SECONDS);
        if (text != null) {
            long seconds;
            try {
                seconds = Long.parseLong(text);
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
                throw new Settings.InvalidSettingException(VISIBILITY_SECONDS, text,
                    "a whole number of seconds from " + MIN_SECONDS + " to " + MAX_SECONDS);
            }
            visibility = Duration.ofSeconds(seconds);
        }
        return new QueueTimings(visibility, "true".equalsIgnoreCase(settings.get(HOLD_QUEUES)));
    }

    /**
     * How long a delivery attempt's claim holds: half the visibility timeout, at most {@link #MAX_LEASE}, so it also
     * ends before the Functions host (which hides a message it works for ten minutes) hands a message out again.
     */
    public Duration lease() {
        Duration half = visibility.dividedBy(2);
        return half.compareTo(MAX_LEASE) > 0 ? MAX_LEASE : half;
    }

    /** When {@code serve} tries a failed message again: the host's 30 s, or sooner when the visibility is shorter. */
    public Duration retryDelay() {
        return visibility.compareTo(HOST_RETRY_DELAY) < 0 ? visibility : HOST_RETRY_DELAY;
    }
}
