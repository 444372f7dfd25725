package com.synapselinkhealth.statuspage;

import java.time.Duration;

/** Durations as a person reads them on the page: {@code 45 s}, {@code 12 min}, {@code 3 h 5 min}, {@code 2 d 4 h}. */
final class Durations {
    private Durations() {
    }

    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        long minutes = s / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            long rest = minutes % 60;
            return hours + " h" + (rest == 0 ? "" : " " + rest + " min");
        }
        long days = hours / 24;
        long rest = hours % 24;
        return days + " d" + (rest == 0 ? "" : " " + rest + " h");
    }
}
