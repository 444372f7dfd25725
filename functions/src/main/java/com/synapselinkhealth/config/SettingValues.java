package com.synapselinkhealth.config;

import java.time.Duration;

/** Reading a bounded whole number from a setting, with its default; a bad value stops start-up naming the setting. */
final class SettingValues {
    private SettingValues() {
    }

    static long whole(Settings settings, String name, long fallback, long min, long max) {
        String text = settings.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Settings.InvalidSettingException(name, text, "a whole number from " + min + " to " + max);
    }

    static int wholeInt(Settings settings, String name, int fallback, int min, int max) {
        return (int) whole(settings, name, fallback, min, max);
    }

    static Duration seconds(Settings settings, String name, Duration fallback, long min, long max) {
        return Duration.ofSeconds(whole(settings, name, fallback.toSeconds(), min, max));
    }

    static Duration days(Settings settings, String name, Duration fallback, long min, long max) {
        return Duration.ofDays(whole(settings, name, fallback.toDays(), min, max));
    }
}
