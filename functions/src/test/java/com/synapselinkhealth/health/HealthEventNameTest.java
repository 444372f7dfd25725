package com.synapselinkhealth.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The open event name: the catalogue reads back as itself, any other stored name as it was written. */
class HealthEventNameTest {
    @Test
    void propertyEveryCatalogueNameRoundTripsFromString() {
        Random random = new Random(13);
        for (HealthEventName name : HealthEventName.values()) {
            assertTrue(name.isKnown(), name.name());
            assertSame(name, HealthEventName.fromString(name.name()));
            assertSame(name, HealthEventName.fromString(name.toString(), Severity.values()[random.nextInt(3)]),
                "a catalogue name keeps the catalogue's severity");
            assertSame(name, HealthEventName.fromName(mixedCase(name.name(), random)).orElseThrow());
            assertEquals(name, HealthEventName.fromString(new String(name.name().toCharArray())));
            assertEquals(HealthEventName.TYPE_PREFIX + name, name.cloudEventType());
        }
    }

    @Test
    void eachConstantIsNamedAsItsFieldAndTheCatalogueIsInDeclarationOrder() throws IllegalAccessException {
        List<HealthEventName> constants = new ArrayList<>();
        for (Field field : HealthEventName.class.getFields()) {
            if (field.getType() == HealthEventName.class && Modifier.isStatic(field.getModifiers())) {
                HealthEventName constant = (HealthEventName) field.get(null);
                assertEquals(field.getName(), constant.name());
                constants.add(constant);
            }
        }
        assertEquals(List.of(HealthEventName.values()), constants);
        assertEquals(32, constants.size());
        assertEquals(constants, new ArrayList<>(new TreeSet<>(constants)), "names sort in catalogue order");
    }

    @Test
    void propertyAnyOtherStoredNameIsKeptAsItWasWritten() {
        Random random = new Random(31);
        for (int i = 0; i < 500; i++) {
            String text = randomName(random);
            if (HealthEventName.fromName(text).isPresent()) {
                continue;
            }
            Severity stored = Severity.values()[random.nextInt(3)];
            HealthEventName kept = HealthEventName.fromString(text, stored);
            assertEquals(text, kept.name());
            assertEquals(text, kept.toString());
            assertFalse(kept.isKnown());
            assertEquals(stored, kept.severity());
            assertEquals(Severity.INFO, HealthEventName.fromString(text).severity(), "INFO when none was stored");
            assertNull(kept.stateTable());
            assertNull(kept.description());
            assertEquals(HealthEventName.fromString(text), kept, "equal by name");
            assertEquals(HealthEventName.fromString(text).hashCode(), kept.hashCode());
            assertTrue(HealthEventName.fromName(text).isEmpty(), "input a person typed is still checked");
            assertTrue(HealthEventName.HealthDigest.compareTo(kept) < 0, "the catalogue sorts first");
        }
        assertNull(HealthEventName.fromString(null));
    }

    @Test
    void namesTheCatalogueDoesNotHoldSortByTheirText() {
        HealthEventName b = HealthEventName.fromString("TableSyncBroken");
        HealthEventName a = HealthEventName.fromString("AnEventOfTomorrow");
        assertEquals(List.of(HealthEventName.InitialSyncCompleted, HealthEventName.HealthDigest, a, b),
            new ArrayList<>(new TreeSet<>(Set.of(b, HealthEventName.HealthDigest, a, HealthEventName.InitialSyncCompleted))));
        assertNotEquals(a, b);
        assertNotEquals(HealthEventName.fromString("tablesyncbroken"), b, "a kept name is kept exactly");
    }

    private static String mixedCase(String name, Random random) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** A catalogue name changed a little (the usual rename), or random text with odd characters. */
    private static String randomName(Random random) {
        HealthEventName[] catalogue = HealthEventName.values();
        String base = catalogue[random.nextInt(catalogue.length)].name();
        return switch (random.nextInt(4)) {
            case 0 -> base + "V" + random.nextInt(10);
            case 1 -> base.substring(0, 1 + random.nextInt(base.length() - 1));
            case 2 -> base.toUpperCase(Locale.ROOT) + "_" + random.nextInt(100);
            default -> random.ints(1 + random.nextInt(20), 1, 0x3000)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        };
    }
}
