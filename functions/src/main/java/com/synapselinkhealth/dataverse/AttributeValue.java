package com.synapselinkhealth.dataverse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One value of a Dataverse column as carried in a {@code RemoteExecutionContext}: the JSON encodings of
 * {@code Microsoft.Xrm.Sdk} types, decoded into plain Java values.
 */
public sealed interface AttributeValue {

    /** JSON {@code null}. */
    record Null() implements AttributeValue {
        public static final Null INSTANCE = new Null();
    }

    /** String and Memo columns; also plain GUID strings (primary keys), which stay text until asked for. */
    record Text(String value) implements AttributeValue {
        public Text {
            Objects.requireNonNull(value, "'value' cannot be null.");
        }
    }

    /** Integer and BigInt columns (JSON numbers without fraction). */
    record WholeNumber(long value) implements AttributeValue {
    }

    /** Decimal and Float columns. */
    record DecimalNumber(BigDecimal value) implements AttributeValue {
        public DecimalNumber {
            Objects.requireNonNull(value, "'value' cannot be null.");
        }
    }

    /** Boolean (Yes/No) columns. */
    record Bool(boolean value) implements AttributeValue {
    }

    /** DateTime columns, WCF {@code /Date(ms[±hhmm])/}; the milliseconds are UTC. */
    record DateTime(Instant value) implements AttributeValue {
        public DateTime {
            Objects.requireNonNull(value, "'value' cannot be null.");
        }
    }

    /** The wrapped {@code {"__type":"Guid:#System","__value":"..."}} form. */
    record Guid(UUID value) implements AttributeValue {
        public Guid {
            Objects.requireNonNull(value, "'value' cannot be null.");
        }
    }

    /** Choice, State and Status columns ({@code OptionSetValue}). */
    record OptionSet(int value) implements AttributeValue {
    }

    /** Multi-select choice columns: an array of {@code OptionSetValue}. */
    record MultiOptionSet(List<Integer> values) implements AttributeValue {
        public MultiOptionSet {
            values = List.copyOf(values);
        }
    }

    /** Currency columns ({@code Money}). */
    record Money(BigDecimal value) implements AttributeValue {
        public Money {
            Objects.requireNonNull(value, "'value' cannot be null.");
        }
    }

    /** Lookup, Owner and Customer columns ({@code EntityReference}). */
    record Reference(EntityReference value) implements AttributeValue {
        public Reference {
            Objects.requireNonNull(value, "'value' cannot be null.");
        }
    }

    /**
     * A value of a type this service does not model (another {@code __type}, a nested entity, an array of
     * something else). Kept with its type name so nothing is silently lost.
     */
    record Other(String typeName, String json) implements AttributeValue {
        public Other {
            Objects.requireNonNull(typeName, "'typeName' cannot be null.");
            Objects.requireNonNull(json, "'json' cannot be null.");
        }
    }
}
