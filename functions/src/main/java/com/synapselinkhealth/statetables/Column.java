package com.synapselinkhealth.statetables;

import com.synapselinkhealth.dataverse.AttributeValue;
import com.synapselinkhealth.dataverse.Guids;
import java.util.Objects;

/**
 * A column of a state table that this service reads, with the Dataverse type it must hold.
 *
 * @param name logical name
 * @param type the Dataverse type
 * @param choices the option set, for {@link Type#CHOICE} columns; else {@code null}
 */
public record Column(String name, Type type, ChoiceSet choices) {
    /** Dataverse column types, as far as the health rules care. */
    public enum Type { TEXT, WHOLE_NUMBER, BOOLEAN, DATE_TIME, CHOICE, LOOKUP, GUID }

    public Column {
        Objects.requireNonNull(name, "'name' cannot be null.");
        Objects.requireNonNull(type, "'type' cannot be null.");
        if ((type == Type.CHOICE) != (choices != null)) {
            throw new IllegalArgumentException("a choice column needs its option set, and only a choice column has one");
        }
    }

    static Column text(String name) {
        return new Column(name, Type.TEXT, null);
    }

    static Column whole(String name) {
        return new Column(name, Type.WHOLE_NUMBER, null);
    }

    static Column bool(String name) {
        return new Column(name, Type.BOOLEAN, null);
    }

    static Column dateTime(String name) {
        return new Column(name, Type.DATE_TIME, null);
    }

    static Column choice(String name, ChoiceSet set) {
        return new Column(name, Type.CHOICE, set);
    }

    static Column lookup(String name) {
        return new Column(name, Type.LOOKUP, null);
    }

    static Column guid(String name) {
        return new Column(name, Type.GUID, null);
    }

    /** Whether a value may stand in this column; {@code null} is allowed everywhere. */
    public boolean accepts(AttributeValue value) {
        if (value instanceof AttributeValue.Null) {
            return true;
        }
        return switch (type) {
            case TEXT -> value instanceof AttributeValue.Text;
            case WHOLE_NUMBER -> value instanceof AttributeValue.WholeNumber
                || value instanceof AttributeValue.DecimalNumber d && isWhole(d.value());
            case BOOLEAN -> value instanceof AttributeValue.Bool;
            case DATE_TIME -> value instanceof AttributeValue.DateTime
                || value instanceof AttributeValue.Text t && isIsoDateTime(t.value());
            case CHOICE -> value instanceof AttributeValue.OptionSet
                || value instanceof AttributeValue.WholeNumber n && n.value() == (int) n.value();
            case LOOKUP -> value instanceof AttributeValue.Reference;
            case GUID -> value instanceof AttributeValue.Guid
                || value instanceof AttributeValue.Text t && Guids.parse(t.value()).isPresent();
        };
    }

    private static boolean isWhole(java.math.BigDecimal d) {
        try {
            d.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** The Web API's form of a date ({@code 2024-06-03T09:26:41Z}), which a reconciliation read carries. */
    private static boolean isIsoDateTime(String text) {
        try {
            java.time.OffsetDateTime.parse(text);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** How this column's type is written in an error message. */
    public String describeType() {
        return switch (type) {
            case TEXT -> "a string";
            case WHOLE_NUMBER -> "a whole number";
            case BOOLEAN -> "a boolean";
            case DATE_TIME -> "a /Date(ms)/ or ISO-8601 date";
            case CHOICE -> "an OptionSetValue of " + choices.optionSetName();
            case LOOKUP -> "an EntityReference";
            case GUID -> "a GUID";
        };
    }
}
