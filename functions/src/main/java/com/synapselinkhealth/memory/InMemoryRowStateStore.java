package com.synapselinkhealth.memory;

import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.store.RowState;
import com.synapselinkhealth.store.RowStateStore;
import com.synapselinkhealth.store.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** Row state in this process's memory, with the same conditional-save contract as the durable stores. */
public final class InMemoryRowStateStore implements RowStateStore {
    private record Key(StateTable table, UUID rowId) {
    }

    private final ConcurrentMap<Key, Versioned<RowState>> rows = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public Optional<Versioned<RowState>> find(StateTable table, UUID rowId) {
        return Optional.ofNullable(rows.get(new Key(table, rowId)));
    }

    @Override
    public boolean saveIfUnchanged(RowState state, String expectedVersion) {
        Key key = new Key(state.table(), state.rowId());
        Versioned<RowState> next = new Versioned<>(state, Long.toString(versions.incrementAndGet()));
        if (expectedVersion == null) {
            return rows.putIfAbsent(key, next) == null;
        }
        Versioned<RowState> current = rows.get(key);
        return current != null && current.version().equals(expectedVersion) && rows.replace(key, current, next);
    }

    @Override
    public List<Versioned<RowState>> list(StateTable table) {
        List<Versioned<RowState>> result = new ArrayList<>();
        rows.forEach((k, v) -> {
            if (k.table() == table) {
                result.add(v);
            }
        });
        return result;
    }
}
