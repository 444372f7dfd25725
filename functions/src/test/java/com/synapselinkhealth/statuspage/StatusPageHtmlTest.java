package com.synapselinkhealth.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusPageHtmlTest {
    @Test
    void namesAreEscapedForTextAndAttributes() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Ü&#39;", Html.escape("<script>alert(\"x\")</script> & 'Ü'"));
        assertEquals("a\\x00b", Html.escape("a\u0000b"));
        // a bidi override or a newline shows as an escape: it cannot reorder the page or break a name in two
        assertEquals("report\\u202Efdp.exe \\n next", Html.escape("report\u202Efdp.exe \n next"));
        assertEquals("", Html.escape(null));
    }

    @Test
    void durationsReadLikeAPersonSaysThem() {
        assertEquals("45 s", Durations.human(Duration.ofSeconds(45)));
        assertEquals("16 min", Durations.human(Duration.ofMinutes(16)));
        assertEquals("1 h", Durations.human(Duration.ofHours(1)));
        assertEquals("3 h 5 min", Durations.human(Duration.ofMinutes(185)));
        assertEquals("2 d 4 h", Durations.human(Duration.ofHours(52)));
    }

    @Test
    void anEmptyServiceSaysSoAndStillRefreshes() {
        String html = StatusPageHtml.render(new StatusBoard(List.of(), List.of(), Instant.parse("2026-11-20T09:00:00Z"), 0),
            "bm9uY2U=", 30);
        assertTrue(html.contains("No Azure Synapse Link profile is known yet."), html);
        assertTrue(html.contains("No health event yet."), html);
        assertTrue(html.contains("<body data-refresh-seconds=\"30\">"), html);
        assertTrue(html.contains("<noscript><meta http-equiv=\"refresh\" content=\"30\"></noscript>"), html);
        assertTrue(PageSecurity.contentSecurityPolicy("bm9uY2U=").contains("script-src 'nonce-bm9uY2U='"));
    }
}
