package com.synapselinkhealth.dataverse.json;

import static com.synapselinkhealth.testing.CallbackBuilder.rawJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.synapselinkhealth.dataverse.MalformedCallbackException.Kind;
import com.synapselinkhealth.dataverse.MalformedCallbackException;
import com.synapselinkhealth.dataverse.TransportHints;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every kind of body the parser must refuse, each with the kind and a message that says where the problem is. */
class RemoteExecutionContextParserRejectionTest {
    private static final UUID ROW = UUID.fromString("e3b1f2a4-5c6d-ef11-9f89-000d3a4a5b6c");

    private final RemoteExecutionContextParser parser = new RemoteExecutionContextParser();

    private static CallbackBuilder valid() {
        return CallbackBuilder.update(StateTable.PROFILE_ENTITY_STATE, ROW)
            .target("syncstate", CallbackBuilder.option(8)).preImage("syncstate", CallbackBuilder.option(2));
    }

    /** The valid body with one more top-level member, written as raw JSON text. */
    private static byte[] withMember(String name, String rawValue) {
        String body = valid().buildString();
        return (body.substring(0, body.length() - 1) + ",\"" + name + "\":" + rawValue + "}").getBytes(StandardCharsets.UTF_8);
    }

    private MalformedCallbackException rejected(byte[] body, Kind kind, String... mentions) {
        MalformedCallbackException e = assertThrows(MalformedCallbackException.class,
            () -> parser.parse(body, TransportHints.NONE));
        assertEquals(kind, e.kind(), e.getMessage());
        for (String mention : mentions) {
            assertTrue(e.getMessage().contains(mention), "'" + e.getMessage() + "' should mention " + mention);
        }
        return e;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void notJson() {
        rejected(utf8("MessageName=Update&PrimaryEntityName=account"), Kind.NOT_JSON, "not valid JSON");
    }

    @Test
    void emptyBody() {
        rejected(new byte[0], Kind.NOT_JSON, "empty");
        rejected(utf8("   "), Kind.NOT_JSON);
    }

    @Test
    void invalidUtf8() {
        String body = valid().target("name", "PLACEHOLDER").buildString();
        int at = body.indexOf("PLACEHOLDER");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(utf8(body.substring(0, at)));
        bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
        bytes.writeBytes(utf8(body.substring(at + "PLACEHOLDER".length())));
        rejected(bytes.toByteArray(), Kind.NOT_JSON, "UTF-8");
        rejected(new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0}, Kind.NOT_JSON, "UTF-8");
    }

    @Test
    void trailingGarbage() {
        rejected(utf8(valid().buildString() + " garbage"), Kind.NOT_JSON);
        rejected(utf8(valid().buildString() + "{}"), Kind.NOT_JSON);
    }

    @Test
    void duplicateKeys() {
        String body = valid().buildString();
        rejected(utf8("{\"MessageName\":\"Delete\"," + body.substring(1)), Kind.NOT_JSON, "MessageName");
    }

    @Test
    void nestingTooDeep() {
        rejected(withMember("Deep", "[".repeat(10_000) + "]".repeat(10_000)), Kind.TOO_COMPLEX, "nesting depth");
    }

    @Test
    void numberTooLong() {
        rejected(withMember("Big", "9".repeat(2000)), Kind.TOO_COMPLEX, "Number value length");
    }

    @Test
    void exponentBeyondWhatBigDecimalHolds() {
        // found by FuzzBadInputTest: Jackson throws NumberFormatException (exponent overflow), once answered 500
        rejected(withMember("Big", "1E+2147483648"), Kind.TOO_COMPLEX, "number outside any range");
    }

    @Test
    void decimalOutOfRange() {
        byte[] body = utf8(valid().target("exchangerate", "X").buildString().replace("\"X\"", "1e999999"));
        MalformedCallbackException e = rejected(body, Kind.INVALID_VALUE, "exchangerate");
        assertTrue(e.field().contains("exchangerate"), e.field());
    }

    @Test
    void arrayRoot() {
        MalformedCallbackException e = rejected(utf8("[" + valid().buildString() + "]"), Kind.WRONG_SHAPE, "array");
        assertEquals("$", e.field());
    }

    @Test
    void missingMessageName() {
        MalformedCallbackException e = rejected(valid().remove("MessageName").build(), Kind.WRONG_SHAPE, "MessageName");
        assertEquals("MessageName", e.field());
    }

    @Test
    void inputParametersNotAnArray() {
        MalformedCallbackException e = rejected(valid().set("InputParameters", rawJson("{\"Target\":{}}")).build(),
            Kind.WRONG_SHAPE, "InputParameters");
        assertEquals("InputParameters", e.field());
    }

    @Test
    void primaryEntityIdNotAGuid() {
        MalformedCallbackException e = rejected(valid().set("PrimaryEntityId", "row-42").build(),
            Kind.INVALID_VALUE, "PrimaryEntityId", "row-42");
        assertEquals("PrimaryEntityId", e.field());
    }

    @Test
    void operationIdNotAGuid() {
        rejected(valid().set("OperationId", "4af10637-4ea2-e711-8122").build(), Kind.INVALID_VALUE, "OperationId");
        rejected(valid().set("OperationId", 42).build(), Kind.INVALID_VALUE, "OperationId");
    }

    @Test
    void badDate() {
        MalformedCallbackException e = rejected(valid().target("lastsynceddatatime", "/Date(abc)/").build(),
            Kind.INVALID_VALUE, "lastsynceddatatime", "/Date(abc)/");
        assertEquals("InputParameters.Target.Attributes[lastsynceddatatime]", e.field());
        rejected(valid().operationCreatedOn("/Date(abc)/").build(), Kind.INVALID_VALUE, "OperationCreatedOn");
    }

    @Test
    void optionSetValueWithStringValue() {
        byte[] body = valid().target("syncstate",
            rawJson("{\"__type\":\"OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts\",\"Value\":\"8\"}")).build();
        rejected(body, Kind.INVALID_VALUE, "syncstate", "OptionSetValue");
    }

    @Test
    void logicalNameMismatch() {
        MalformedCallbackException e = rejected(valid().set("PrimaryEntityName", "synapselinkprofile").build(),
            Kind.WRONG_SHAPE, "synapselinkprofileentitystate", "synapselinkprofile");
        assertEquals("InputParameters.Target.LogicalName", e.field());
    }
}
