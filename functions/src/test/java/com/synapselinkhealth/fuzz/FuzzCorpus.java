package com.synapselinkhealth.fuzz;

import static com.synapselinkhealth.testing.CallbackBuilder.option;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.synapselinkhealth.statetables.StateTable;
import com.synapselinkhealth.testing.CallbackBuilder;
import com.synapselinkhealth.testing.SynapseLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * A deterministic corpus of malformed and hostile requests, generated from a seed: mutations of real-format
 * Dataverse callbacks for the webhook (truncation, byte flips, deep nesting, huge numbers, duplicate keys, a wrong
 * type in each kind of column, invalid UTF-8, BOMs, bad GUIDs, unknown choice values, wrong content types and
 * lengths, gzip bodies and a gzip bomb, giant headers) and malformed input for every connector operation.
 */
final class FuzzCorpus {
    static final String WEBHOOK = "/api/dataverse/webhook";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final Random random;
    private final List<byte[]> bases = new ArrayList<>();
    private final List<FuzzCase> cases = new ArrayList<>();

    private FuzzCorpus(long seed) {
        this.random = new Random(seed);
        Instant at = Instant.parse("2026-11-20T09:14:05Z");
        UUID row = new UUID(random.nextLong(), random.nextLong());
        bases.add(SynapseLink.tableState(row, "contact").target("syncstate", option(8)).preImage("syncstate", option(2))
            .target("lastsynceddatatime", at).target("lakerecordcount", 1234L).target("modifiedon", at)
            .target("versionnumber", 987654321L).operationId(uuid()).correlationId(uuid()).build());
        bases.add(SynapseLink.externalTable(new UUID(random.nextLong(), random.nextLong()), "incident")
            .target("tablestate", option(2)).preImage("tablestate", option(1)).target("modifiedon", at)
            .operationId(uuid()).correlationId(uuid()).build());
        bases.add(SynapseLink.profileState(SynapseLink.profileState(1), SynapseLink.profileState(2), at)
            .operationId(uuid()).correlationId(uuid()).build());
        bases.add(CallbackBuilder.create(StateTable.PROFILE_ENTITY, new UUID(random.nextLong(), random.nextLong()))
            .target("entityname", "account").target("profile", SynapseLink.profileLookup()).target("enabled", true)
            .target("modifiedon", at).withParentContext().operationId(uuid()).correlationId(uuid()).build());
        bases.add(CallbackBuilder.delete(StateTable.DATABASE, new UUID(random.nextLong(), random.nextLong()))
            .preImage("name", "contosows").operationId(uuid()).correlationId(uuid()).build());
    }

    /** The corpus of {@code seed}: the same requests on every run with the same seed. */
    static List<FuzzCase> generate(long seed) {
        FuzzCorpus corpus = new FuzzCorpus(seed);
        corpus.webhookBodies();
        corpus.webhookTransport();
        corpus.subscriptions();
        corpus.statusActions();
        return corpus.cases;
    }

    // ---- webhook bodies ---------------------------------------------------------------------------------------

    private void webhookBodies() {
        for (int i = 0; i < 20; i++) {
            byte[] b = base();
            int cut = random.nextInt(b.length);
            hook("truncated at " + cut, java.util.Arrays.copyOf(b, cut));
        }
        for (int i = 0; i < 30; i++) {
            byte[] b = base().clone();
            int flips = 1 + random.nextInt(5);
            for (int f = 0; f < flips; f++) {
                b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
            }
            hook("byte flips x" + flips, b);
        }
        for (int depth : new int[] {600, 2_000, 20_000, 200_000}) {
            hook("nested arrays " + depth, insertMember("\"Deep\":" + "[".repeat(depth) + "]".repeat(depth)));
            hook("nested objects " + depth, insertMember("\"Deep\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
            hook("unclosed nesting " + depth, insertMember("\"Deep\":" + "[".repeat(depth)));
        }
        for (String n : new String[] {"9".repeat(20_000), "1e999999999", "-1e-999999999", "1" + "0".repeat(400) + ".5",
            "123456789012345678901234567890", "-0", "1E+2147483648", "0." + "0".repeat(5000) + "1"}) {
            hook("huge number " + n.substring(0, Math.min(12, n.length())), replaceValue("Value", n));
            hook("huge version " + n.substring(0, Math.min(12, n.length())), replaceAttribute("versionnumber", n));
        }
        for (String key : new String[] {"MessageName", "PrimaryEntityName", "PrimaryEntityId", "InputParameters",
            "OperationId", "Depth"}) {
            hook("duplicate key " + key, duplicateKey(key));
        }
        List<JsonNode> wrong = List.of(NODES.textNode("x"), NODES.numberNode(12345), NODES.numberNode(1.5),
            NODES.booleanNode(true), NODES.nullNode(), NODES.arrayNode(), NODES.objectNode(),
            JSON.createObjectNode().put("__type", "OptionSetValue:http://schemas.microsoft.com/xrm/2011/Contracts")
                .put("Value", "abc"),
            NODES.textNode("/Date(garbage)/"), NODES.textNode("/Date(99999999999999999999)/"),
            JSON.createObjectNode().put("__type", "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts")
                .put("Id", "not-a-guid").put("LogicalName", "synapselinkprofile"),
            NODES.textNode("x".repeat(70_000)));
        for (String column : new String[] {"syncstate", "lastsynceddatatime", "lakerecordcount", "entityname",
            "profile", "modifiedon", "versionnumber", "tablestate", "profilestate", "enabled"}) {
            for (int i = 0; i < 4; i++) {
                JsonNode value = wrong.get(random.nextInt(wrong.size()));
                hook("column " + column + " as " + value.getNodeType() + abbreviate(value), withColumn(column, value));
            }
        }
        for (int i = 0; i < 8; i++) {
            byte[][] bad = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
            hook("invalid UTF-8 #" + i, insertIntoString(bad[i % bad.length]));
        }
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        hook("UTF-8 BOM", concat(bom, base()));
        hook("UTF-16 body", new String(base(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16));
        for (String field : new String[] {"PrimaryEntityId", "OperationId", "CorrelationId", "BusinessUnitId"}) {
            for (String guid : new String[] {"", "{" + uuid() + "}", uuid() + "0", "z".repeat(36),
                "00000000-0000-0000-0000-00000000000G", "١٢٣٤٥٦٧٨-1234-1234-1234-123456789012"}) {
                hook("bad GUID in " + field + ": '" + guid + "'", replaceString(field, guid));
            }
        }
        for (long v : new long[] {77_777, -1, 2_147_483_647L, 2_147_483_648L, 3}) {
            hook("unknown choice value " + v, withColumn("syncstate", option((int) Math.max(Integer.MIN_VALUE,
                Math.min(Integer.MAX_VALUE, v)))));
        }
        hook("MessageName not a message", replaceString("MessageName", "DROP TABLE contact;--"));
        hook("PrimaryEntityName path", replaceString("PrimaryEntityName", "../../etc/passwd"));
        hook("PrimaryEntityName huge", replaceString("PrimaryEntityName", "a".repeat(100_000)));
        hook("PrimaryEntityName control chars", replaceString("PrimaryEntityName", "synapse\u0000link\u202e"));
        hook("InputParameters an object", replaceMember("InputParameters", JSON.createObjectNode().put("Target", 1)));
        hook("InputParameters a string", replaceMember("InputParameters", NODES.textNode("Target")));
        hook("Target missing", replaceMember("InputParameters", NODES.arrayNode()));
        hook("PostEntityImages wrong", replaceMember("PostEntityImages", NODES.numberNode(5)));
        hook("key-value without key", replaceMember("InputParameters",
            NODES.arrayNode().add(JSON.createObjectNode().set("value", NODES.objectNode()))));
        hook("top-level array", ("[" + new String(base(), StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8));
        hook("two documents", concat(base(), base()));
        for (String text : new String[] {"", " ", "null", "{}", "[]", "\"text\"", "{\"a\":NaN}", "{'a':1}",
            "{\"a\":1,}", "/*c*/{}", "\u0000", "{\"\\ud800\":1}"}) {
            hook("literal " + text.replace("\u0000", "NUL"), text.getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---- webhook transport (headers, lengths, encodings, query) --------------------------------------------

    private void webhookTransport() {
        for (String type : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "application/octet-stream", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
            "application/jsonx", "\u0001\u0002", "application/json;;;;", "*/*"}) {
            cases.add(FuzzCase.post("content type " + type.replace("\u0001", "^A").replace("\u0002", "^B"), WEBHOOK, type,
                base()));
        }
        cases.add(FuzzCase.post("no content type", WEBHOOK, null, base()));
        for (int delta : new int[] {1, 1000, -1, -100}) {
            cases.add(FuzzCase.post("Content-Length off by " + delta, WEBHOOK, JSON_TYPE, base()).lyingLength(delta));
        }
        byte[] gz = gzip(base());
        cases.add(FuzzCase.post("gzip body", WEBHOOK, JSON_TYPE, gz).withHeader("Content-Encoding", "gzip"));
        cases.add(FuzzCase.post("gzip bomb (20 MB of zeros)", WEBHOOK, JSON_TYPE, gzip(new byte[20 * 1024 * 1024]))
            .withHeader("Content-Encoding", "gzip"));
        cases.add(FuzzCase.post("deflate label on plain JSON", WEBHOOK, JSON_TYPE, base())
            .withHeader("Content-Encoding", "deflate"));
        cases.add(FuzzCase.post("body of 2 MiB", WEBHOOK, JSON_TYPE, insertMember("\"Pad\":\"" + "p".repeat(2 << 20) + "\"")));
        for (int size : new int[] {8 * 1024, 30 * 1024}) {
            cases.add(FuzzCase.post("giant header " + size, WEBHOOK, JSON_TYPE, base())
                .withHeader("x-ms-correlation-request-id", "c".repeat(size)));
        }
        FuzzCase many = FuzzCase.post("150 headers", WEBHOOK, JSON_TYPE, base());
        for (int i = 0; i < 150; i++) {
            many = many.withHeader("x-junk-" + i, "v" + i);
        }
        cases.add(many);
        cases.add(FuzzCase.post("size-exceeded header on a full body", WEBHOOK, JSON_TYPE, base())
            .withHeader("x-ms-dynamics-msg-size-exceeded", "true"));
        cases.add(FuzzCase.post("organization header huge", WEBHOOK, JSON_TYPE, base())
            .withHeader("x-ms-dynamics-organization", "o".repeat(5000)));
        cases.add(FuzzCase.post("bad percent escape in query", WEBHOOK + "?x=%zz", JSON_TYPE, base()));
        cases.add(FuzzCase.post("lone percent in query", WEBHOOK + "?%", JSON_TYPE, base()));
        cases.add(FuzzCase.post("long query", WEBHOOK + "?a=" + "q".repeat(6000), JSON_TYPE, base()));
        cases.add(FuzzCase.post("wrong key", WEBHOOK + "?code=wrong", JSON_TYPE, base()).withoutKey());
        cases.add(FuzzCase.post("no key", WEBHOOK, JSON_TYPE, base()).withoutKey());
        cases.add(new FuzzCase("PUT on the webhook", "PUT", WEBHOOK, java.util.Map.of("Content-Type", JSON_TYPE), base(), 0,
            false));
        cases.add(new FuzzCase("PATCH on the webhook", "PATCH", WEBHOOK, java.util.Map.of(), base(), 0, false));
        cases.add(new FuzzCase("OPTIONS on the webhook", "OPTIONS", WEBHOOK, java.util.Map.of(), null, 0, false));
        cases.add(new FuzzCase("GET with a body", "GET", "/api/profiles", java.util.Map.of("Content-Type", JSON_TYPE),
            base(), 0, false));
    }

    // ---- connector: subscriptions ---------------------------------------------------------------------------

    private void subscriptions() {
        String good = "{\"callbackUrl\":\"https://prod-00.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/"
            + "invoke?api-version=2016-06-01&sig=secret\",\"events\":\"TableSyncFailed\",\"minimumSeverity\":\"info\"}";
        List<String> bodies = new ArrayList<>(List.of("", "null", "[]", "42", "{}", "{\"callbackUrl\":42}",
            "{\"callbackUrl\":[\"https://a.example\"]}", "{\"callbackUrl\":{\"u\":1}}", "{\"callbackUrl\":\"\"}",
            "{\"callbackUrl\":\"file:///etc/passwd\"}", "{\"callbackUrl\":\"gopher://example.com:70/1\"}",
            "{\"callbackUrl\":\"javascript:alert(1)\"}", "{\"callbackUrl\":\"http://169.254.169.254/latest/meta-data\"}",
            "{\"callbackUrl\":\"https://168.63.129.16/\"}", "{\"callbackUrl\":\"https://[::1]/x\"}",
            "{\"callbackUrl\":\"https://user:pw@example.com/\"}", "{\"callbackUrl\":\"https://exa mple.com/\"}",
            "{\"callbackUrl\":\"https://" + "a".repeat(100_000) + ".com/\"}",
            good.replace("\"TableSyncFailed\"", "42"), good.replace("\"TableSyncFailed\"", "[1,2]"),
            good.replace("TableSyncFailed", "NoSuchEvent"), good.replace("\"info\"", "\"fatal\""),
            good.replace("\"info\"", "{\"x\":1}"), good.replace("}", ",\"profile\":{\"id\":1}}"),
            good.replace("}", ",\"table\":[\"" + "t".repeat(10_000) + "\"]}"),
            good.replace("}", ",\"callbackUrl\":\"https://dup.example/\"}"),
            "{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}"));
        for (int i = 0; i < 6; i++) {
            bodies.add(good.substring(0, random.nextInt(good.length())));
        }
        for (String body : bodies) {
            cases.add(FuzzCase.post("subscribe " + abbreviate(body), "/api/subscriptions", "application/json",
                body.getBytes(StandardCharsets.UTF_8)));
        }
        cases.add(FuzzCase.post("subscribe with BOM", "/api/subscriptions", "application/json",
            concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, good.getBytes(StandardCharsets.UTF_8))));
        cases.add(FuzzCase.post("subscribe invalid UTF-8", "/api/subscriptions", "application/json",
            concat(good.substring(0, 20).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF, '"', '}'})));
        cases.add(FuzzCase.post("subscribe as XML", "/api/subscriptions", "application/xml",
            "<callbackUrl>https://a.example</callbackUrl>".getBytes(StandardCharsets.UTF_8)));
        for (String body : new String[] {"", "{}", "{\"callbackUrl\":null}", "{\"callbackUrl\":\"ftp://x/\"}",
            "{\"callbackUrl\":\"https://127.0.0.1/\",\"minimumSeverity\":\"bogus\"}", "{\"events\":\"TableSyncFailed\"}",
            "{\"callbackUrl\":\"https://10.0.0.1/\"}", "[" + "{".repeat(3000)}) {
            cases.add(FuzzCase.post("table-failure subscribe " + abbreviate(body), "/api/subscriptions/table-sync-failures",
                "application/json", body.getBytes(StandardCharsets.UTF_8)));
        }
        for (String id : new String[] {"nope", "..%2F..%2Fetc", "%00", "%E2%80%AE", "x".repeat(3000), "%zz",
            uuid().toString(), "'%20OR%201=1"}) {
            cases.add(new FuzzCase("unsubscribe " + abbreviate(id), "DELETE", "/api/subscriptions/" + id,
                java.util.Map.of(), null, 0, false));
        }
        cases.add(new FuzzCase("PUT subscriptions", "PUT", "/api/subscriptions", java.util.Map.of(), new byte[0], 0, false));
    }

    // ---- connector: status actions ----------------------------------------------------------------------------

    private void statusActions() {
        String profile = SynapseLink.PROFILE_ID.toString();
        for (String q : new String[] {"state=bogus", "state=%00", "state=" + "e".repeat(5000), "state=error&state=ok",
            "%zz=1"}) {
            cases.add(FuzzCase.get("list profiles ?" + abbreviate(q), "/api/profiles?" + q));
        }
        for (String id : new String[] {"not-a-guid", "%00", "{" + profile + "}", profile + "x", "x".repeat(2000),
            "..", "%2e%2e%2f"}) {
            cases.add(FuzzCase.get("profile health " + abbreviate(id), "/api/profiles/" + id + "/health"));
            cases.add(FuzzCase.get("profile tables " + abbreviate(id), "/api/profiles/" + id + "/tables"));
        }
        for (String table : new String[] {"%00", "a%2Fb", "x".repeat(3000), "%E2%80%AE", "NoSuchTable", "..", "%zz"}) {
            cases.add(FuzzCase.get("table status " + abbreviate(table), "/api/profiles/" + profile + "/tables/" + table));
        }
        for (String q : new String[] {"top=-1", "top=abc", "top=99999999999999999999", "top=0", "since=yesterday",
            "since=2026-13-45T99:99:99Z", "severity=fatal", "event=NoSuchEvent", "event=" + "E".repeat(4000),
            "skipToken=garbage", "skipToken=" + "QUFB".repeat(2000), "skipToken=%00%01", "profile=" + "p".repeat(5000),
            "table=%E2%80%AE", "top=1&top=2", "since=" + "9".repeat(40)}) {
            cases.add(FuzzCase.get("recent events ?" + abbreviate(q), "/api/events?" + q));
        }
        cases.add(FuzzCase.get("event types with junk", "/api/event-types?x=%zz"));
        cases.add(FuzzCase.get("event types with long query", "/api/event-types?x=" + "y".repeat(6000)));
        cases.add(new FuzzCase("DELETE profiles", "DELETE", "/api/profiles", java.util.Map.of(), null, 0, false));
        cases.add(FuzzCase.get("unknown route", "/api/" + "z".repeat(3000)));
        cases.add(FuzzCase.get("dot segments", "/api/../../etc/passwd"));
    }

    // ---- mutation helpers -------------------------------------------------------------------------------------

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private byte[] base() {
        return bases.get(random.nextInt(bases.size()));
    }

    private void hook(String name, byte[] body) {
        cases.add(FuzzCase.post(name, WEBHOOK, JSON_TYPE, body));
    }

    private byte[] insertMember(String member) {
        String text = new String(base(), StandardCharsets.UTF_8);
        return ("{" + member + "," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] duplicateKey(String key) {
        String text = new String(base(), StandardCharsets.UTF_8);
        int at = text.indexOf("\"" + key + "\":");
        if (at < 0) {
            return insertMember("\"" + key + "\":1,\"" + key + "\":2");
        }
        return ("{\"" + key + "\":\"dup\"," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] replaceValue(String key, String raw) {
        String text = new String(base(), StandardCharsets.UTF_8);
        return text.replaceFirst("\"" + key + "\":-?[0-9]+", "\"" + key + "\":" + java.util.regex.Matcher.quoteReplacement(raw))
            .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] replaceAttribute(String column, String raw) {
        ObjectNode root = tree(bases.get(0));
        setColumn(root, column, CallbackBuilder.rawJson("0"));
        String text = root.toString().replace("\"value\":0}", "\"value\":" + raw + "}");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] replaceString(String member, String value) {
        ObjectNode root = tree(base());
        root.put(member, value);
        return bytes(root);
    }

    private byte[] replaceMember(String member, JsonNode value) {
        ObjectNode root = tree(base());
        root.set(member, value);
        return bytes(root);
    }

    private byte[] withColumn(String column, JsonNode value) {
        ObjectNode root = tree(bases.get(random.nextInt(3)));
        setColumn(root, column, value);
        return bytes(root);
    }

    /** Sets the column in the Target (adding it when missing) and in the post image when it has one. */
    private static void setColumn(ObjectNode root, String column, JsonNode value) {
        for (JsonNode p : root.path("InputParameters")) {
            if (p.path("key").asText().equals("Target")) {
                put((ArrayNode) p.path("value").path("Attributes"), column, value);
            }
        }
        for (JsonNode img : root.path("PostEntityImages")) {
            JsonNode attrs = img.path("value").path("Attributes");
            if (attrs instanceof ArrayNode a) {
                put(a, column, value);
            }
        }
    }

    private static void put(ArrayNode attributes, String column, JsonNode value) {
        for (JsonNode kv : attributes) {
            if (kv.path("key").asText().equals(column)) {
                ((ObjectNode) kv).set("value", value);
                return;
            }
        }
        attributes.add(CallbackBuilder.keyValue(column, value));
    }

    private byte[] insertIntoString(byte[] bad) {
        byte[] b = base();
        int quote;
        do {
            quote = random.nextInt(b.length);
        } while (b[quote] != '"');
        return concat(java.util.Arrays.copyOf(b, quote + 1), concat(bad, java.util.Arrays.copyOfRange(b, quote + 1, b.length)));
    }

    private static ObjectNode tree(byte[] body) {
        try {
            return (ObjectNode) JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value).replaceAll("[^\\x20-\\x7e]", "?");
        return " " + (s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + ")" : s);
    }
}
