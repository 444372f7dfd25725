package com.synapselinkhealth.dataverse;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The columns of one Dataverse row (or the part of it a callback carried), by logical name. Immutable.
 * Typed accessors return {@code null} when the column is absent, null, or of another type.
 */
public final class Attributes {
    private static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<String, AttributeValue> values;

    private Attributes(Map<String, AttributeValue> values) {
        this.values = values;
    }

    public static Attributes empty() {
        return EMPTY;
    }

    public static Attributes of(Map<String, AttributeValue> values) {
        Objects.requireNonNull(values, "'values' cannot be null.");
        return values.isEmpty() ? EMPTY : new Attributes(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** Collects columns; later puts win. Builds without copying again. */
    public static Builder builder() {
        return new Builder();
    }

    /** A one-use builder of {@link Attributes}. */
    public static final class Builder {
        private Map<String, AttributeValue> values = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(String column, AttributeValue value) {
            values.put(Objects.requireNonNull(column, "'column' cannot be null."),
                Objects.requireNonNull(value, "'value' cannot be null."));
            return this;
        }

        public Builder putAll(Attributes attributes) {
            values.putAll(attributes.values);
            return this;
        }

        public Attributes build() {
            Map<String, AttributeValue> built = values;
            values = null;
            return built.isEmpty() ? EMPTY : new Attributes(Collections.unmodifiableMap(built));
        }
    }

    /** This row with every column of {@code overlay} written over it. */
    public Attributes overlaidWith(Attributes overlay) {
        if (overlay.values.isEmpty()) {
            return this;
        }
        if (values.isEmpty()) {
            return overlay;
        }
        Map<String, AttributeValue> merged = new LinkedHashMap<>(values);
        merged.putAll(overlay.values);
        return new Attributes(Collections.unmodifiableMap(merged));
    }

    public Map<String, AttributeValue> asMap() {
        return values;
    }

    public Set<String> names() {
        return values.keySet();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    public Optional<AttributeValue> get(String column) {
        return Optional.ofNullable(values.get(column));
    }

    public String text(String column) {
        return values.get(column) instanceof AttributeValue.Text t ? t.value() : null;
    }

    /** DateTime columns; also ISO-8601 text, the form the Web API returns. */
    public Instant instant(String column) {
        AttributeValue v = values.get(column);
        if (v instanceof AttributeValue.DateTime d) {
            return d.value();
        }
        if (v instanceof AttributeValue.Text t) {
            try {
                return OffsetDateTime.parse(t.value()).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** Integer and BigInt columns. */
    public Long wholeNumber(String column) {
        AttributeValue v = values.get(column);
        if (v instanceof AttributeValue.WholeNumber n) {
            return n.value();
        }
        if (v instanceof AttributeValue.DecimalNumber d) {
            try {
                return d.value().longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    public BigDecimal decimal(String column) {
        AttributeValue v = values.get(column);
        if (v instanceof AttributeValue.DecimalNumber d) {
            return d.value();
        }
        if (v instanceof AttributeValue.WholeNumber n) {
            return BigDecimal.valueOf(n.value());
        }
        if (v instanceof AttributeValue.Money m) {
            return m.value();
        }
        return null;
    }

    /** Choice columns; a plain whole number (the Web API form) counts too. */
    public Integer option(String column) {
        AttributeValue v = values.get(column);
        if (v instanceof AttributeValue.OptionSet o) {
            return o.value();
        }
        if (v instanceof AttributeValue.WholeNumber n && n.value() == (int) n.value()) {
            return (int) n.value();
        }
        return null;
    }

    public Boolean bool(String column) {
        return values.get(column) instanceof AttributeValue.Bool b ? b.value() : null;
    }

    public EntityReference reference(String column) {
        return values.get(column) instanceof AttributeValue.Reference r ? r.value() : null;
    }

    /** Uniqueidentifier columns, wrapped or as plain text. */
    public UUID guid(String column) {
        AttributeValue v = values.get(column);
        if (v instanceof AttributeValue.Guid g) {
            return g.value();
        }
        if (v instanceof AttributeValue.Text t) {
            return Guids.parse(t.value()).orElse(null);
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
