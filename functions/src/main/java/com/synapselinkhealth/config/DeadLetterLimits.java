package com.synapselinkhealth.config;

/**
 * How much the dead letters may hold: each keeps the head of its body (plus the body's full length and SHA-256), and
 * the in-memory store keeps at most so many, and so many bytes, dropping the oldest first. A flood of rejected
 * bodies therefore costs at most {@link #maxBytes()} of heap, whatever their size.
 *
 * @param maxCount {@value #MAX_COUNT}: the most dead letters kept in memory (default 10,000)
 * @param maxBytes {@value #MAX_BYTES}: the most bytes they hold together in memory (default 32 MiB)
 * @param bodyHeadBytes {@value #BODY_HEAD_BYTES}: how much of a body a dead letter keeps (default 16 KiB)
 */
public record DeadLetterLimits(int maxCount, long maxBytes, int bodyHeadBytes) {
    public static final String MAX_COUNT = "LINKHEALTH_DEAD_LETTER_MAX_COUNT";
    public static final String MAX_BYTES = "LINKHEALTH_DEAD_LETTER_MAX_BYTES";
    public static final String BODY_HEAD_BYTES = "LINKHEALTH_DEAD_LETTER_BODY_BYTES";
    public static final DeadLetterLimits DEFAULT = new DeadLetterLimits(10_000, 32L * 1024 * 1024, 16 * 1024);

    public DeadLetterLimits {
        if (maxCount <= 0 || maxBytes <= 0 || bodyHeadBytes < 0) {
            throw new IllegalArgumentException("dead letter limits must be positive");
        }
    }

    public static DeadLetterLimits from(Settings settings) {
        return new DeadLetterLimits(
            SettingValues.wholeInt(settings, MAX_COUNT, DEFAULT.maxCount, 1, 1_000_000),
            SettingValues.whole(settings, MAX_BYTES, DEFAULT.maxBytes, 64 * 1024, 4L << 30),
            SettingValues.wholeInt(settings, BODY_HEAD_BYTES, DEFAULT.bodyHeadBytes, 0, 256 * 1024));
    }
}
