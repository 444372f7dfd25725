package com.synapselinkhealth.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VisibleTextTest {
    @Test
    void plainNamesOfEveryScriptStayAsTheyAre() {
        for (String name : new String[] {"Contoso Lake", "Café Ünïcode", "東京 プロファイル", "שלום", "مرحبا", "emoji 🚀👩‍💻?",
            "a\\b", "100% <ok> & \"quoted\""}) {
            String shown = VisibleText.of(name);
            if (!name.contains("\u200D")) {
                assertSame(name, shown, name);
                assertTrue(VisibleText.isPlain(name));
            }
        }
        assertNull(VisibleText.of(null));
    }

    @Test
    void controlsShowAsEscapes() {
        assertEquals("evil\\n2026-01-01 INFO forged", VisibleText.of("evil\n2026-01-01 INFO forged"));
        assertEquals("a\\r\\tb", VisibleText.of("a\r\tb"));
        assertEquals("\\x1B[2J\\x1B]0;title\\x07", VisibleText.of("\u001b[2J\u001b]0;title\u0007"));
        assertEquals("\\x00\\x7F\\x85\\x9B", VisibleText.of("\u0000\u007f\u0085\u009b"));
    }

    @Test
    void bidiAndFormatCharactersShowAsEscapes() {
        assertEquals("invoice\\u202Etxt.exe", VisibleText.of("invoice\u202etxt.exe"));
        for (int cp : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F,
            0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x061C, 0x00AD, 0x2028, 0x2029}) {
            String shown = VisibleText.of("a" + new String(Character.toChars(cp)) + "b");
            assertEquals("a\\u" + String.format("%04X", cp) + "b", shown);
        }
        assertEquals("tag\\U000E0041", VisibleText.of("tag\uDB40\uDC41"));
        assertEquals("lone\\uD800", VisibleText.of("lone\uD800"));
    }

    /** Property: for any text, what is shown holds no character that acts instead of showing. */
    @Test
    void nothingUnsafeEverSurvivesForAnyInput() {
        Random random = new Random(20261206);
        for (int run = 0; run < 20_000; run++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                int pick = random.nextInt(10);
                if (pick < 3) {
                    s.append((char) random.nextInt(0xA0));
                } else if (pick < 5) {
                    s.append((char) (0x2000 + random.nextInt(0x70)));
                } else if (pick < 6) {
                    s.append((char) (0xD800 + random.nextInt(0x800)));
                } else if (pick < 7) {
                    s.appendCodePoint(0xE0000 + random.nextInt(0x80));
                } else {
                    s.appendCodePoint(random.nextInt(0x10FFFF));
                }
            }
            String shown = VisibleText.of(s.toString());
            assertTrue(VisibleText.isPlain(shown), () -> "left unsafe: " + shown.codePoints()
                .filter(VisibleText::isUnsafe).mapToObj(Integer::toHexString).toList());
            assertFalse(shown.chars().anyMatch(c -> c < 0x20 || c == 0x7f));
        }
    }
}
