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
 * @param maxLength for a text column, its maximum length in Dataverse; for a lookup, the most characters of the name
 *     it carries (the referenced row's primary name); 0 for other types
 */
public record Column(String name, Type type, ChoiceSet choices, int maxLength) {
    /** A lookup's name when the referenced table's primary name column is not known: Dataverse's longest name column. */
    static final int MAX_LOOKUP_NAME = 850;

    /** Dataverse column types, as far as the health rules care. */
    public enum Type { TEXT, WHOLE_NUMBER, BOOLEAN, DATE_TIME, CHOICE, LOOKUP, GUID }

    public Column {
        Objects.requireNonNull(name, "'name' cannot be null.");
        Objects.requireNonNull(type, "'type' cannot be null.");
        if ((type == Type.CHOICE) != (choices != null)) {
            throw new IllegalArgumentException("a choice column needs its option set, and only a choice column has one");
        }
        if ((type == Type.TEXT || type == Type.LOOKUP) != (maxLength > 0)) {
            throw new IllegalArgumentException("text and lookup columns, and only they, have a maximum length");
        }
    }

    public Column(String name, Type type, ChoiceSet choices) {
        this(name, type, choices, type == Type.LOOKUP ? MAX_LOOKUP_NAME : type == Type.TEXT ? 4000 : 0);
    }

    /** A text column of at most {@code maxLength} characters (its Dataverse definition). */
    static Column text(String name, int maxLength) {
        return new Column(name, Type.TEXT, null, maxLength);
    }

    /** A lookup whose name is at most {@code maxNameLength} characters (the referenced table's primary name). */
    static Column lookup(String name, int maxNameLength) {
        return new Column(name, Type.LOOKUP, null, maxNameLength);
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
        return new Column(name, Type.LOOKUP, null, MAX_LOOKUP_NAME);
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

    /**
     * Whether a value this column {@linkplain #accepts accepts} is longer than any Dataverse row can hold in it (a text
     * past its maximum length, a lookup whose name is past its table's name column).
     */
    public boolean tooLong(AttributeValue value) {
        if (value instanceof AttributeValue.Text t && type == Type.TEXT) {
            return t.value().length() > maxLength;
        }
        return value instanceof AttributeValue.Reference r && r.value().name() != null
            && r.value().name().length() > maxLength;
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
