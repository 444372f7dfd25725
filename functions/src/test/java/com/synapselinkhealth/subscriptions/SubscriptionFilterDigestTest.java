package com.synapselinkhealth.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.health.DigestReport;
import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.Severity;
import com.synapselinkhealth.health.messages.SampleEvents;
import com.synapselinkhealth.status.HealthDigests;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A digest goes only to the subscriptions that name it; every other event is filtered as before. */
class SubscriptionFilterDigestTest {
    private static final HealthEvent DIGEST = HealthDigests.event(new DigestReport("contoso",
        Instant.parse("2026-11-20T07:00:00Z"), List.of(new DigestReport.ProfileDigest(null, "Contoso Lake", 1, 0, 1, 0, 0, 0,
            0, 0, List.of(new DigestReport.DigestItem("contact", "failing", Severity.ERROR, "Failing."))))),
        Instant.parse("2026-11-20T07:00:00Z"));

    @Test
    void anEveryEventFilterDoesNotTakeTheDigest() {
        assertFalse(new SubscriptionFilter(null, null, Set.of(), null).matches(DIGEST));
        assertFalse(new SubscriptionFilter(null, null, Set.of(), Severity.INFO).matches(DIGEST));
        assertFalse(new SubscriptionFilter(null, null, Set.of(HealthEventName.TableSyncFailed), null).matches(DIGEST));
    }

    @Test
    void aFilterThatNamesTheDigestTakesItWhateverItsProfileOrTable() {
        assertTrue(new SubscriptionFilter(null, null, Set.of(HealthEventName.HealthDigest), null).matches(DIGEST));
        assertTrue(new SubscriptionFilter("Fabrikam", "account", Set.of(HealthEventName.HealthDigest,
            HealthEventName.TableSyncFailed), null).matches(DIGEST));
        assertTrue(new SubscriptionFilter(null, null, Set.of(HealthEventName.HealthDigest), Severity.ERROR).matches(DIGEST),
            "the digest's severity is its worst item's");
        HealthEvent calm = HealthDigests.event(new DigestReport("contoso", DIGEST.time(), List.of()), DIGEST.time());
        assertFalse(new SubscriptionFilter(null, null, Set.of(HealthEventName.HealthDigest), Severity.WARNING).matches(calm));
    }

    /** Every other event: an empty filter takes it, and naming it takes it, as before the digest existed. */
    @Test
    void propertyEveryOtherEventIsFilteredAsBefore() {
        Random random = new Random(14);
        for (HealthEventName name : allButTheDigest()) {
            HealthEvent event = SampleEvents.of(name, "Contoso Lake", "contact");
            assertTrue(new SubscriptionFilter(null, null, Set.of(), null).matches(event), name.name());
            assertTrue(new SubscriptionFilter(null, null, Set.of(name, HealthEventName.HealthDigest), null).matches(event));
            HealthEventName other = HealthEventName.values()[random.nextInt(HealthEventName.values().length)];
            assertEquals(other.equals(name), new SubscriptionFilter(null, null, Set.of(other), null).matches(event));
        }
    }

    private static List<HealthEventName> allButTheDigest() {
        return Stream.of(HealthEventName.values()).filter(n -> !n.equals(HealthEventName.HealthDigest)).toList();
    }

    @Test
    void theDigestTriggerTakesOnlyTheDigest() {
        SubscriptionFilter digestOnly = new SubscriptionFilter(null, null, Set.of(HealthEventName.HealthDigest), null);
        assertTrue(digestOnly.matches(DIGEST));
        for (HealthEventName name : allButTheDigest()) {
            assertFalse(digestOnly.matches(SampleEvents.of(name, "Contoso Lake", "contact")), name.name());
        }
    }
}
