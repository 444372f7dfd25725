package com.synapselinkhealth.health.cloudevents;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.synapselinkhealth.text.VisibleText;

/** The one Jackson mapper of the wire format: the events' CloudEvents, their cards and their ready-to-post form. */
final class CloudEventJson {
    /**
     * Writes control, bidi and other format characters of names as {@code \\uXXXX} escapes: the same JSON value (the
     * real name stays in the data), but a line printed by {@code normalize}, {@code reconcile} or the demo cannot
     * reorder or rewrite the terminal showing it.
     */
    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setCharacterEscapes(new VisibleEscapes());
    }

    private CloudEventJson() {
    }

    /** Jackson's standard escapes, plus a {@code \\uXXXX} escape for every character {@link VisibleText} escapes. */
    private static final class VisibleEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        VisibleEscapes() {
            ascii[0x7f] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (!VisibleText.isUnsafe(ch)) {
                return null;
            }
            return new SerializedString(String.format("\\u%04X", ch));
        }
    }
}
