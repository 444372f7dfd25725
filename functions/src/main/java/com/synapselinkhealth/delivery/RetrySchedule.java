package com.synapselinkhealth.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When to try a delivery again: the delays after the first, second, ... failed attempt, each with ±20 % jitter;
 * a {@code Retry-After} the callback sent on 429/503 is honoured when it asks for longer (up to a day). After the
 * last delay's attempt fails, the delivery gives up.
 */
public final class RetrySchedule {
    /** 5 s, 30 s, 2 min, 10 min, 30 min, 2 h, 6 h, 12 h: nine attempts over about 21 hours. */
    public static final RetrySchedule DEFAULT = parse("5s,30s,2m,10m,30m,2h,6h,12h");
    static final double JITTER = 0.2;
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final List<Duration> delays;

    public RetrySchedule(List<Duration> delays) {
        this.delays = List.copyOf(delays);
        for (Duration d : this.delays) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("a retry delay cannot be negative: " + d);
            }
        }
    }

    /** {@code 5s,30s,2m,1h,1d}; {@code ms} for milliseconds (tests). */
    public static RetrySchedule parse(String text) {
        Objects.requireNonNull(text, "'text' cannot be null.");
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            try {
                if (p.endsWith("ms")) {
                    delays.add(Duration.ofMillis(Long.parseLong(p.substring(0, p.length() - 2))));
                } else {
                    long n = Long.parseLong(p.substring(0, p.length() - 1));
                    delays.add(switch (p.charAt(p.length() - 1)) {
                        case 's' -> Duration.ofSeconds(n);
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        case 'd' -> Duration.ofDays(n);
                        default -> throw new IllegalArgumentException();
                    });
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not a delay like 5s, 2m, 1h or 1d");
            }
        }
        return new RetrySchedule(delays);
    }

    /** All attempts, the first included. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    public List<Duration> delays() {
        return delays;
    }

    /**
     * The wait before the next attempt after {@code attemptsMade} attempts failed, or {@code null} when the
     * delivery should give up.
     *
     * @param random a uniform number in [0, 1) for the jitter
     */
    public Duration next(int attemptsMade, Duration retryAfter, DoubleSupplier random) {
        if (attemptsMade < 1 || attemptsMade > delays.size()) {
            return null;
        }
        Duration base = delays.get(attemptsMade - 1);
        double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
        Duration jittered = Duration.ofMillis(Math.round(base.toMillis() * factor));
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
            return asked.compareTo(jittered) > 0 ? asked : jittered;
        }
        return jittered;
    }
}
