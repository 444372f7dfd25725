package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.synapselinkhealth.config.NcrontabSchedule;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.status.DigestPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * On the schedule of {@code LINKHEALTH_DIGEST_SCHEDULE} (default daily at 07:00 UTC): one HealthDigest event per
 * organization, stored and delivered to the subscriptions that ask for it. The event's id names the organization
 * and the schedule's slot, so a second run for the same slot sends nothing new.
 */
public final class DigestTimer {
    private final DigestPublisher publisher;
    private final Settings settings;
    private final Clock clock;

    /** @param settings read on each run for the schedule's slot ({@code LINKHEALTH_DIGEST_SCHEDULE}) */
    public DigestTimer(DigestPublisher publisher, Settings settings, Clock clock) {
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    @FunctionName("DigestTimer")
    public void run(@TimerTrigger(name = "timer", schedule = "%" + Settings.DIGEST_SCHEDULE + "%") String timerInfo,
                    ExecutionContext context) {
        Instant slot = NcrontabSchedule.parse(settings.digestSchedule()).slotFor(clock.instant());
        List<HealthEvent> digests = publisher.publish(slot);
        context.getLogger().info(() -> digests.isEmpty() ? "Health digest: no profile is known yet, nothing to send."
            : "Health digest for " + slot + ": " + digests.stream().map(HealthEvent::summary).toList());
    }
}
