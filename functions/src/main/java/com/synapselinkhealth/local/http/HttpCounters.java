package com.synapselinkhealth.local.http;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link GuardedHttpServer} counts since start: connections accepted, refused with 503, closed to make room,
 * timed out. Updated by the selector thread, read from any.
 */
final class HttpCounters {
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong evicted = new AtomicLong();
    final AtomicLong timedOut = new AtomicLong();

    Map<String, Long> asMap() {
        return Map.of("accepted", accepted.get(), "refused", refused.get(), "evicted", evicted.get(),
            "timedOut", timedOut.get());
    }
}
