package com.synapselinkhealth.health.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.health.HealthEventName;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownMessageTest {
    private static final StatusPageLink LINK = StatusPageLink.parse("https://linkhealth.example/api/public/status");

    @Test
    void theMessageHasTheSeverityTitleSummaryFactsAndLink() {
        String md = MarkdownMessage.render(EventMessage.of(
            SampleEvents.of(HealthEventName.TableSyncFailed, "Contoso Lake", "contact"), LINK));
        assertTrue(md.startsWith("**✖ Error: Table sync failed**\n\n"), md);
        assertTrue(md.contains("Sync of table contact in profile Contoso Lake failed at 2026-11-20 09:14 UTC"), md);
        assertTrue(md.contains("- Profile: Contoso Lake\n"), md);
        assertTrue(md.contains("- Table: contact\n"), md);
        assertTrue(md.contains("- Event: TableSyncFailed\n"), md);
        assertTrue(md.contains("- Since: 2026-11-20 09:14 UTC\n"), md);
        assertTrue(md.contains("- State: InProgress → CompletedWithFailures\n"), md);
        assertTrue(md.endsWith("[Open the status page](<https://linkhealth.example/api/public/status>)\n"), md);
    }

    @Test
    void namesNeverBecomeFormattingLinksOrHtml() {
        String md = MarkdownMessage.render(EventMessage.of(
            SampleEvents.of(HealthEventName.TableSyncFailed, SampleEvents.HOSTILE_PROFILE, SampleEvents.HOSTILE_TABLE), null));
        assertTrue(md.contains("- Profile: \\<script\\>alert(\"x\")\\</script\\> \\& 'Contoso' \\*Lake\\* \\_ü\\_ "
            + "\\[x\\](https://evil.example) #1\n"), md);
        assertTrue(md.contains("- Table: new\\_\\`tick\\`\\|pipe\\\\back\\<b\\>\n"), md);
        assertFalse(md.contains("<script>"), md);
        assertFalse(md.contains("[x](https"), md);
        assertFalse(md.contains("Open the status page"), "no link without a configured URL");
    }

    @Test
    void blockMarkersAreEscapedOnlyWhereTheyWouldStartABlock() {
        assertEquals("2024-06-03 11:44 UTC (was InProgress); sync #2.", Markdown.escape("2024-06-03 11:44 UTC (was InProgress); sync #2."));
        assertEquals("\\- item", Markdown.escape("- item"));
        assertEquals("  \\# heading", Markdown.escape("  # heading"));
        assertEquals("12\\. ordered", Markdown.escape("12. ordered"));
        assertEquals("3\\) ordered", Markdown.escape("3) ordered"));
        assertEquals("\\> quote", Markdown.escape("> quote"));
        assertEquals("\\+ item", Markdown.escape("+ item"));
        assertEquals("2024-06-03", Markdown.escape("2024-06-03"));
        for (String s : List.of("- item", "12. x", "a\\.b", "x\\-y", "#1 ok", "3) z")) {
            assertEquals(s, Markdown.unescape(Markdown.escape(s)));
        }
    }

    @Test
    void bidiFormatAndControlCharactersShowAsEscapesInMarkdownAndCards() {
        String name = "Lake\u202Eexe.txt\u200B\u001b[31m";
        String md = Markdown.escape(name);
        assertEquals("Lake\\\\u202Eexe.txt\\\\u200B\\\\x1B\\[31m", md);
        assertEquals("Lake\\u202Eexe.txt\\u200B\\x1B[31m", Markdown.unescape(md).replace("\\\\", "\\"));
        assertTrue(md.codePoints().noneMatch(com.synapselinkhealth.text.VisibleText::isUnsafe), md);
    }

    @Test
    void escapingRoundTripsAndFlattensLineBreaks() {
        String name = SampleEvents.HOSTILE_PROFILE;
        assertEquals(name, Markdown.unescape(Markdown.escape(name)));
        assertEquals("a b", Markdown.escape("a\nb"));
        assertEquals("", Markdown.escape(null));
    }

    @Test
    void aProfileLevelEventSaysSoAndLeavesUnknownFactsOut() {
        EventMessage message = EventMessage.of(SampleEvents.bare(HealthEventName.ProfileError), null);
        assertEquals("Profile error", message.title());
        assertEquals(java.util.List.of(new EventMessage.Fact("Profile", "unknown"),
            new EventMessage.Fact("Table", "(the whole profile)"), new EventMessage.Fact("Event", "ProfileError"),
            new EventMessage.Fact("Since", "2026-11-20 09:14 UTC")), message.facts());
    }

    @Test
    void theStatusPageLinkMustNotCarryAKey() {
        assertThrows(IllegalArgumentException.class, () -> StatusPageLink.parse("https://x.example/api/status?code=secret"));
        assertThrows(IllegalArgumentException.class, () -> StatusPageLink.parse("https://user:pw@x.example/status"));
        assertThrows(IllegalArgumentException.class, () -> StatusPageLink.parse("ftp://x.example/status"));
        assertThrows(IllegalArgumentException.class, () -> StatusPageLink.parse("/api/status"));
        assertEquals("https://x.example/api/status?view=ops", StatusPageLink.parse(" https://x.example/api/status?view=ops ").toString());
    }
}
