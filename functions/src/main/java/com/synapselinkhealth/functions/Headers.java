package com.synapselinkhealth.functions;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Header and property lookups that ignore case, as HTTP does. */
final class Headers {
    private Headers() {
    }

    static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null) {
                    map.put(k, v);
                }
            });
        }
        return map;
    }

    static Map<String, String> strings(Map<String, Object> properties) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (properties != null) {
            properties.forEach((k, v) -> {
                if (k != null && v != null) {
                    map.put(k, String.valueOf(v));
                }
            });
        }
        return map;
    }

    static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
