package com.synapselinkhealth.health.cloudevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.health.HealthEvent;
import com.synapselinkhealth.health.HealthEventName;
import com.synapselinkhealth.health.messages.SampleEvents;
import com.synapselinkhealth.text.VisibleText;
import org.junit.jupiter.api.Test;

/** A CloudEvent's JSON line carries a hostile name as escapes, and reads back as the real name. */
class CloudEventEscapesTest {
    @Test
    void controlAndBidiCharactersAreEscapedInTheJsonAndTheNameSurvives() {
        String name = "Lake\u001b[2J\u0085\u007f\n\u202Eexe.txt\u2066\u200B Café";
        HealthEvent event = SampleEvents.of(HealthEventName.TableSyncFailed, name, "con\u202Etact");
        String json = HealthCloudEvents.toJson(event);
        assertTrue(json.codePoints().noneMatch(VisibleText::isUnsafe), json);
        assertTrue(json.contains("\\u202E") && json.contains("Café"), json);
        HealthEvent back = HealthCloudEvents.fromJson(json);
        assertEquals(name, back.profileName());
        assertEquals("con\u202Etact", back.table());
    }
}
