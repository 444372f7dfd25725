package com.synapselinkhealth.dataverse.json;

import static com.synapselinkhealth.dataverse.json.ErrorText.describe;
import static com.synapselinkhealth.dataverse.json.ErrorText.firstLine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.synapselinkhealth.dataverse.MalformedCallbackException;
import com.synapselinkhealth.dataverse.RowChange;
import com.synapselinkhealth.dataverse.TransportHints;
import java.io.IOException;

/**
 * Reads the JSON form of {@code Microsoft.Xrm.Sdk.RemoteExecutionContext} (webhook body, or a Service Bus
 * message body in the Json message format) into a {@link RowChange}. Tolerant of what Dataverse may add
 * (unknown fields are ignored), strict about what it relies on: every problem becomes a
 * {@link MalformedCallbackException} that names the field.
 *
 * <p>This class reads the bytes within the JSON limits; {@link ContextReader} walks the context and
 * {@link AttributeValueDecoder} decodes each attribute value.
 */
public final class RemoteExecutionContextParser {
    /** Deeper than any real context (ParentContext chains stop at depth 8), shallow enough to be harmless. */
    static final int MAX_NESTING_DEPTH = 128;
    static final int MAX_NUMBER_LENGTH = 100;

    private final ObjectReader reader;

    public RemoteExecutionContextParser() {
        this(4 * 1024 * 1024);
    }

    /** @param maxStringLength the longest JSON string accepted, in characters */
    public RemoteExecutionContextParser(int maxStringLength) {
        JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(maxStringLength)
                .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
        ObjectMapper mapper = JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
        this.reader = mapper.reader();
    }

    /** Parses a body; the hints come from the transport (headers or message properties). */
    public RowChange parse(byte[] body, TransportHints hints) {
        JsonNode root = readJson(body);
        if (!root.isObject()) {
            throw MalformedCallbackException.wrongShape("$",
                "The body must be a JSON object (a RemoteExecutionContext), not " + describe(root) + ".");
        }
        return new ContextReader(root, hints, body).read();
    }

    JsonNode readJson(byte[] body) {
        if (body == null || body.length == 0) {
            throw MalformedCallbackException.notJson("The body is empty; expected a RemoteExecutionContext JSON object.", null);
        }
        int first = body[0] & 0xFF;
        if (first == 0x00 || first == 0xFE || first == 0xFF || (body.length > 1 && body[1] == 0x00)) {
            throw MalformedCallbackException.notJson("The body is not UTF-8 encoded JSON.", null);
        }
        try (JsonParser parser = reader.createParser(body)) {
            JsonNode node = reader.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw MalformedCallbackException.notJson("The body holds no JSON value.", null);
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw MalformedCallbackException.tooComplex(
                "The JSON is more complex than any Dataverse callback: " + firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            throw MalformedCallbackException.notJson("The body is not valid JSON: " + firstLine(e.getOriginalMessage())
                + location(e), e);
        } catch (NumberFormatException e) {
            // Jackson's BigDecimal reading refuses numbers like 1E+2147483648 (exponent overflow) with this exception.
            throw MalformedCallbackException.tooComplex(
                "The JSON holds a number outside any range a Dataverse column has.", e);
        } catch (IOException e) {
            throw MalformedCallbackException.notJson("The body could not be read as JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (at byte " + e.getLocation().getByteOffset() + ")";
    }
}
