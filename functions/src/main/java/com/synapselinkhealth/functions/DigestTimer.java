package com.synapselinkhealth.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.synapselinkhealth.app.LinkHealth;
import com.synapselinkhealth.config.NcrontabSchedule;
import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.health.HealthEvent;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * On the schedule of {@code LINKHEALTH_DIGEST_SCHEDULE} (default daily at 07:00 UTC): one HealthDigest event per
 * organization, stored and delivered to the subscriptions that ask for it. The event's id names the organization
 * and the schedule's slot, so a second run for the same slot sends nothing new.
 */
public final class DigestTimer {
    private final Supplier<LinkHealth> app;

    public DigestTimer() {
        this(LinkHealth::shared);
    }

    public DigestTimer(Supplier<LinkHealth> app) {
        this.app = app;
    }

    @FunctionName("DigestTimer")
    public void run(@TimerTrigger(name = "timer", schedule = "%" + Settings.DIGEST_SCHEDULE + "%") String timerInfo,
                    ExecutionContext context) {
        LinkHealth app = this.app.get();
        Instant slot = NcrontabSchedule.parse(app.settings().digestSchedule()).slotFor(app.clock().instant());
        List<HealthEvent> digests = app.digestPublisher().publish(slot);
        context.getLogger().info(() -> digests.isEmpty() ? "Health digest: no profile is known yet, nothing to send."
            : "Health digest for " + slot + ": " + digests.stream().map(HealthEvent::summary).toList());
    }
}
