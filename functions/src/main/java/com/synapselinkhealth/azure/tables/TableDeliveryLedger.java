package com.synapselinkhealth.azure.tables;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.synapselinkhealth.store.DeliveryLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery ledger in an Azure Table ({@code <prefix>deliveries}), shared by every instance: one entity per
 * delivery, PartitionKey the escaped delivery key ({@code <subscription id>/<event id>}), RowKey {@value #ROW},
 * holding the last claimed attempt, its state and the claim's lease. Every change is conditional (insert, or
 * replace with the ETag read), so two workers racing for the same attempt cannot both win.
 *
 * <p>States: {@code SENDING} (attempt {@code Attempt} is being made until {@code LeaseUntil}), {@code WAITING}
 * (attempt {@code Attempt} failed, the next is queued), and the final {@code DELIVERED}, {@code SUBSCRIPTION_REMOVED},
 * {@code GAVE_UP}. The lease must end before the holder's queue message becomes visible again, so that a worker
 * that died mid-attempt is replaced by whoever receives the message next.
 */
public final class TableDeliveryLedger implements DeliveryLedger {
    static final String ROW = "delivery";
    static final String SENDING = "SENDING";
    static final String WAITING = "WAITING";
    private static final int MAX_TRIES = 20;

    private final TableClient table;
    private final Duration lease;
    private final Clock clock;

    /**
     * @param tableName the ledger's table, created when missing
     * @param lease how long a claim holds; shorter than the queue's visibility timeout, longer than one send
     * @param clock the wall clock all instances share (leases are compared across machines)
     */
    public TableDeliveryLedger(TableServiceClient service, String tableName, Duration lease, Clock clock) {
        this.table = TableKeys.open(service, Objects.requireNonNull(tableName, "'tableName' cannot be null."));
        this.lease = Objects.requireNonNull(lease, "'lease' cannot be null.");
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
    }

    /** The ledger table beside the stores' tables: {@code <prefix>deliveries}. */
    public static String tableName(String prefix) {
        return prefix + "deliveries";
    }

    @Override
    public Claim claim(String deliveryKey, int attempt) {
        for (int i = 0; i < MAX_TRIES; i++) {
            Optional<TableEntity> found = read(deliveryKey);
            if (found.isEmpty()) {
                try {
                    table.createEntity(entity(deliveryKey, attempt, SENDING, clock.instant().plus(lease)));
                    return Claim.CLAIMED;
                } catch (TableServiceException e) {
                    if (TableKeys.hasStatus(e, 409)) {
                        continue; // another worker inserted first: judge its entity
                    }
                    throw e;
                }
            }
            TableEntity current = found.get();
            String state = state(current);
            if (!state.equals(SENDING) && !state.equals(WAITING)) {
                return Claim.FINISHED;
            }
            int claimed = attempt(current);
            boolean expired = state.equals(SENDING) && !leaseUntil(current).isAfter(clock.instant());
            if (attempt < claimed || (attempt == claimed && !state.equals(SENDING))) {
                return Claim.TAKEN;
            }
            if (attempt == claimed && !expired) {
                return Claim.BUSY;
            }
            if (replace(current, entity(deliveryKey, attempt, SENDING, clock.instant().plus(lease)))) {
                return Claim.CLAIMED;
            }
        }
        throw new IllegalStateException("The ledger entry of delivery " + deliveryKey + " kept changing under "
            + MAX_TRIES + " attempts to claim it.");
    }

    @Override
    public Duration lease() {
        return lease;
    }

    @Override
    public void release(String deliveryKey, int attempt) {
        settle(deliveryKey, attempt, attempt, WAITING);
    }

    @Override
    public void abandon(String deliveryKey, int attempt) {
        // as if the attempt before were the last made: this attempt can be claimed again at once
        settle(deliveryKey, attempt, attempt - 1, WAITING);
    }

    /** Moves a claim still held for {@code attempt} to {@code state}; a claim that moved on is left as it is. */
    private void settle(String deliveryKey, int attempt, int newAttempt, String state) {
        for (int i = 0; i < MAX_TRIES; i++) {
            Optional<TableEntity> found = read(deliveryKey);
            if (found.isEmpty() || !state(found.get()).equals(SENDING) || attempt(found.get()) != attempt) {
                return;
            }
            if (replace(found.get(), entity(deliveryKey, newAttempt, state, Instant.EPOCH))) {
                return;
            }
        }
    }

    @Override
    public void finish(String deliveryKey, Outcome outcome) {
        int attempt = read(deliveryKey).map(TableDeliveryLedger::attempt).orElse(0);
        table.upsertEntityWithResponse(entity(deliveryKey, attempt, outcome.name(), Instant.EPOCH),
            TableEntityUpdateMode.REPLACE, null, Context.NONE);
    }

    @Override
    public boolean isFinished(String deliveryKey) {
        return read(deliveryKey).map(e -> !state(e).equals(SENDING) && !state(e).equals(WAITING)).orElse(false);
    }

    @Override
    public boolean isDelivered(String deliveryKey) {
        return read(deliveryKey).map(e -> state(e).equals(Outcome.DELIVERED.name())).orElse(false);
    }

    /** The ledger entry's state ({@code SENDING}, ..., {@code DELIVERED}), for tests and diagnostics. */
    public Optional<String> state(String deliveryKey) {
        return read(deliveryKey).map(TableDeliveryLedger::state);
    }

    private Optional<TableEntity> read(String deliveryKey) {
        try {
            return Optional.of(table.getEntityWithResponse(TableKeys.escape(deliveryKey), ROW, null, null, Context.NONE)
                .getValue());
        } catch (TableServiceException e) {
            if (TableKeys.isMissingEntity(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Replaces {@code current} with {@code next} if nobody changed it since it was read. */
    private boolean replace(TableEntity current, TableEntity next) {
        try {
            // TableEntity has no ETag setter; the SDK reads the If-Match value from this property
            next.addProperty("odata.etag", current.getETag());
            table.updateEntityWithResponse(next, TableEntityUpdateMode.REPLACE, true, null, Context.NONE);
            return true;
        } catch (TableServiceException e) {
            if (TableKeys.hasStatus(e, 412) || TableKeys.isMissingEntity(e)) {
                return false;
            }
            throw e;
        }
    }

    private static TableEntity entity(String deliveryKey, int attempt, String state, Instant leaseUntil) {
        TableEntity e = new TableEntity(TableKeys.escape(deliveryKey), ROW);
        LargeText.putText(e, "Key", deliveryKey);
        e.addProperty("Attempt", attempt);
        e.addProperty("State", state);
        e.addProperty("LeaseUntil", OffsetDateTime.ofInstant(leaseUntil, ZoneOffset.UTC));
        return e;
    }

    private static String state(TableEntity e) {
        Object state = e.getProperty("State");
        return state == null ? SENDING : state.toString();
    }

    private static int attempt(TableEntity e) {
        Object attempt = e.getProperty("Attempt");
        return attempt instanceof Number n ? n.intValue() : 0;
    }

    private static Instant leaseUntil(TableEntity e) {
        Object lease = e.getProperty("LeaseUntil");
        return lease instanceof OffsetDateTime t ? t.toInstant() : Instant.EPOCH;
    }
}
