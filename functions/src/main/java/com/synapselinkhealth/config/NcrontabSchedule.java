package com.synapselinkhealth.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;

/**
 * A six-field NCRONTAB expression, as the Functions host reads a timer's schedule: {@code second minute hour day month
 * day-of-week}, in UTC. Each field is {@code *}, a number, a range {@code a-b}, a step {@code *}{@code /n},
 * {@code a-b/n} or {@code a/n}, or a comma-separated list of these; months may be named ({@code Jan}) and days of the
 * week too ({@code Mon}; 0 and 7 are Sunday). When both the day and the day of the week are restricted, a day must
 * match both. Used where the host is not there to run a timer ({@code ./linkhealth serve}).
 */
public final class NcrontabSchedule {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    /** How far ahead an occurrence is looked for: a schedule such as {@code 0 0 0 30 2 *} has none. */
    private static final int YEARS_AHEAD = 8;

    private final String expression;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet daysOfWeek;

    private NcrontabSchedule(String expression, BitSet[] fields) {
        this.expression = expression;
        this.seconds = fields[0];
        this.minutes = fields[1];
        this.hours = fields[2];
        this.days = fields[3];
        this.months = fields[4];
        this.daysOfWeek = fields[5];
    }

    /** @throws IllegalArgumentException when the text is not a six-field NCRONTAB expression */
    public static NcrontabSchedule parse(String text) {
        Objects.requireNonNull(text, "'text' cannot be null.");
        String trimmed = text.trim();
        String[] parts = trimmed.split("\\s+");
        if (parts.length != 6) {
            throw new IllegalArgumentException("'" + clip(trimmed) + "' has " + parts.length + " fields; an NCRONTAB "
                + "schedule has six: second minute hour day month day-of-week (e.g. 0 0 7 * * *).");
        }
        BitSet[] fields = {
            field(parts[0], "second", 0, 59, null),
            field(parts[1], "minute", 0, 59, null),
            field(parts[2], "hour", 0, 23, null),
            field(parts[3], "day", 1, 31, null),
            field(parts[4], "month", 1, 12, MONTHS),
            field(parts[5], "day of the week", 0, 7, DAYS),
        };
        if (fields[5].get(7)) { // 7 is Sunday too
            fields[5].set(0);
            fields[5].clear(7);
        }
        return new NcrontabSchedule(String.join(" ", parts), fields);
    }

    private static BitSet field(String text, String name, int min, int max, String[] names) {
        BitSet values = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            if (item.isEmpty()) {
                throw invalid(text, name, "an empty list item");
            }
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), text, name, null);
                if (step < 1) {
                    throw invalid(text, name, "a step of 0");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max == 7 ? 6 : max;
            } else if (range.indexOf('-') > 0) {
                int dash = range.indexOf('-');
                from = number(range.substring(0, dash), text, name, names);
                to = number(range.substring(dash + 1), text, name, names);
            } else {
                from = number(range, text, name, names);
                to = slash >= 0 ? (max == 7 ? 6 : max) : from; // "a/n": from a to the end, every n
            }
            if (from < min || to > max || from > max || to < min) {
                throw invalid(text, name, "a value outside " + min + "-" + max);
            }
            if (from > to) {
                throw invalid(text, name, "a range that runs backwards (" + range + ")");
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private static int number(String text, String field, String name, String[] names) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(text)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(field, name, "'" + clip(text) + "', which is not a number");
        }
        return Integer.parseInt(text);
    }

    private static IllegalArgumentException invalid(String field, String name, String what) {
        return new IllegalArgumentException("The " + name + " field '" + clip(field) + "' has " + what + ".");
    }

    private static String clip(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    /** Whether the schedule fires at this second (UTC; any fraction of a second is ignored). */
    public boolean matches(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return seconds.get(t.getSecond()) && minutes.get(t.getMinute()) && hours.get(t.getHour()) && dayMatches(t);
    }

    private boolean dayMatches(LocalDateTime t) {
        return months.get(t.getMonthValue()) && days.get(t.getDayOfMonth())
            && daysOfWeek.get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
    }

    /**
     * The first second strictly after {@code after} at which the schedule fires, or empty when it never does within
     * the next years (a day that does not exist, such as the 30th of February).
     */
    public Optional<Instant> next(Instant after) {
        LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LocalDateTime limit = t.plusYears(YEARS_AHEAD);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!seconds.get(t.getSecond())) {
                int second = seconds.nextSetBit(t.getSecond());
                t = second < 0 ? t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1) : t.withSecond(second);
            } else {
                return Optional.of(t.toInstant(ZoneOffset.UTC));
            }
        }
        return Optional.empty();
    }

    /**
     * The occurrence a run at {@code firedAt} was for: the latest one at or before it within the minute before it, else
     * (a run more than a minute late, or one started by hand) {@code firedAt} to the minute. Two runs for the same
     * occurrence get the same slot.
     */
    public Instant slotFor(Instant firedAt) {
        Instant last = null;
        Instant candidate = next(firedAt.minusSeconds(61)).orElse(null);
        while (candidate != null && !candidate.isAfter(firedAt)) {
            last = candidate;
            candidate = next(candidate).orElse(null);
        }
        return last != null ? last : firedAt.truncatedTo(ChronoUnit.MINUTES);
    }

    /** The expression, its fields separated by single spaces. */
    @Override
    public String toString() {
        return expression;
    }
}
