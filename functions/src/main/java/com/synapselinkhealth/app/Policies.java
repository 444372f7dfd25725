package com.synapselinkhealth.app;

import com.synapselinkhealth.config.Settings;
import com.synapselinkhealth.delivery.RetrySchedule;
import com.synapselinkhealth.health.DriftPolicy;
import com.synapselinkhealth.health.StallPolicy;
import com.synapselinkhealth.health.messages.StatusPageLink;
import com.synapselinkhealth.history.HistoryLimits;

/**
 * The domain's policies as the settings set them. Built once at start-up, so a value the domain refuses stops it,
 * naming the setting.
 *
 * @param retrySchedule the waits between delivery attempts ({@code LINKHEALTH_DELIVERY_RETRY_SCHEDULE})
 * @param statusPageLink where cards and messages link to ({@code LINKHEALTH_STATUS_PAGE_URL}), or {@code null} for no
 *     link
 * @param historyLimits how much of each row's history is kept ({@code LINKHEALTH_ROW_HISTORY*})
 * @param stallPolicy when a table counts as stalled ({@code LINKHEALTH_STALL_*})
 * @param driftPolicy when a lake's row count counts as drifting ({@code LINKHEALTH_DRIFT_*})
 */
public record Policies(RetrySchedule retrySchedule, StatusPageLink statusPageLink, HistoryLimits historyLimits,
                       StallPolicy stallPolicy, DriftPolicy driftPolicy) {

    /** @throws Settings.InvalidSettingException naming the first setting whose value cannot be used */
    public static Policies from(Settings settings) {
        return new Policies(retrySchedule(settings), statusPageLink(settings),
            new HistoryLimits(settings.rowHistoryVersions(), settings.rowHistoryMaxAge()),
            new StallPolicy(settings.stallMultiplier(), settings.stallFloor()),
            new DriftPolicy(settings.driftSyncs(), settings.driftMinRows(), settings.driftPercent()));
    }

    private static RetrySchedule retrySchedule(Settings settings) {
        String text = settings.deliveryRetrySchedule();
        if (text == null) {
            return RetrySchedule.DEFAULT;
        }
        try {
            return RetrySchedule.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException(Settings.DELIVERY_RETRY_SCHEDULE, text,
                "a comma-separated list of delays like 5s,30s,2m,1h");
        }
    }

    private static StatusPageLink statusPageLink(Settings settings) {
        String text = settings.statusPageUrl();
        if (text == null) {
            return null;
        }
        try {
            return StatusPageLink.parse(text);
        } catch (IllegalArgumentException e) {
            // the value is not repeated: it may hold a key
            throw new Settings.InvalidSettingException(Settings.STATUS_PAGE_URL, "(not shown)", "an absolute https URL of "
                + "the status page without a key (" + e.getMessage() + ")");
        }
    }
}
