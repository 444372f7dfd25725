package com.synapselinkhealth.azure.tables;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Azure Tables the stores use, all named {@code <prefix><purpose>} so several deployments (or test classes)
 * can share one storage account. See {@code docs/storage.md} for the keys of each.
 *
 * @param rowState the last known state of each state-table row ({@link TableRowStateStore})
 * @param events every event, newest first across all profiles ({@link TableEventStore})
 * @param eventsByProfile the same events again, one partition per profile id and one per profile name
 * @param eventIds one entity per event id: the idempotency claim and the lookup by id
 * @param deadLetters dead letters, newest first ({@link TableDeadLetterStore})
 * @param subscriptions the flows' trigger subscriptions ({@link TableSubscriptionStore})
 */
public record TableNames(String rowState, String events, String eventsByProfile, String eventIds, String deadLetters,
                         String subscriptions) {
    /** The prefix of the deployed app's tables: {@code linkhealthrowstate}, {@code linkhealthevents}, ... */
    public static final String DEFAULT_PREFIX = "linkhealth";

    /** Azure's rule for table names: 3 to 63 letters and digits, starting with a letter. */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,46}");

    public TableNames {
        for (String name : List.of(Objects.requireNonNull(rowState, "'rowState' cannot be null."),
            Objects.requireNonNull(events, "'events' cannot be null."),
            Objects.requireNonNull(eventsByProfile, "'eventsByProfile' cannot be null."),
            Objects.requireNonNull(eventIds, "'eventIds' cannot be null."),
            Objects.requireNonNull(deadLetters, "'deadLetters' cannot be null."),
            Objects.requireNonNull(subscriptions, "'subscriptions' cannot be null."))) {
            if (!TABLE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a valid Azure table name (3-63 letters and digits,"
                    + " starting with a letter).");
            }
        }
    }

    /** The tables of the deployed app ({@link #DEFAULT_PREFIX}). */
    public static TableNames defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }

    /** @param prefix 1 to 47 letters and digits, starting with a letter */
    public static TableNames withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "'prefix' cannot be null.");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("The table prefix must be 1 to 47 letters and digits, starting with a letter.");
        }
        return new TableNames(prefix + "rowstate", prefix + "events", prefix + "eventsbyprofile", prefix + "eventids",
            prefix + "deadletters", prefix + "subscriptions");
    }
}
