package io.contactsync.scenario;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.contactsync.support.SyncTestSupport;
import io.contactsync.support.Webhooks;
import io.contactsync.webhook.WebhookSignatures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R5.7: every bad request gets a clear 4xx naming the problem, changes nothing, and the next good request is
 * accepted. One row of {@link #badRequests()} per class of bad input; {@link #moreValuesOfAClass()} tries other
 * values of some classes.
 */
@QuarkusTest
class BadWebhookInputTest extends SyncTestSupport {

    private static final String GOOD_RESPONDIO = Webhooks.respondioEvent("contact.created", "bad-input-1",
            "{\"id\":7,\"email\":\"x@example.com\"}");
    private static final String GOOD_HUBSPOT = "[" + Webhooks.hubspotEvent(1, "contact.creation", "7", "CRM_UI", "u") + "]";
    private static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime());

    static Stream<Arguments> badRequests() {
        return Stream.of(
                respondio("missing signature", () -> given().contentType("application/json").body(GOOD_RESPONDIO),
                        401, "missing X-Webhook-Signature"),
                respondio("forged signature", () -> given().contentType("application/json")
                        .header("X-Webhook-Signature", WebhookSignatures.respondio("wrong-key", Webhooks.bytes(GOOD_RESPONDIO)))
                        .body(GOOD_RESPONDIO), 401, "does not match"),
                respondio("signature of another body", () -> signedRespondio(GOOD_RESPONDIO).body(GOOD_RESPONDIO + " "), 401,
                        "does not match"),
                respondioCall("signature in the query string instead of the header", path -> given()
                        .contentType("application/json").body(GOOD_RESPONDIO).queryParam("X-Webhook-Signature",
                                WebhookSignatures.respondio(Webhooks.RESPONDIO_KEY, Webhooks.bytes(GOOD_RESPONDIO)))
                        .post(path), 401, "missing X-Webhook-Signature header"),
                respondioCall("wrong HTTP method", path -> given().get(path), 405, "method GET is not allowed"),
                respondio("wrong content type", () -> given().contentType("text/plain").body(GOOD_RESPONDIO), 415,
                        "Content-Type must be application/json"),
                respondio("JSON in another charset", () -> signedRespondio(GOOD_RESPONDIO)
                        .contentType("application/json; charset=UTF-16").body(Webhooks.bytes(GOOD_RESPONDIO)), 415,
                        "charset 'UTF-16' is not supported"),
                respondio("compressed body", () -> signedRespondio(gzip(GOOD_RESPONDIO)).header("Content-Encoding", "gzip")
                        .body(gzip(GOOD_RESPONDIO)), 415, "Content-Encoding 'gzip' is not supported"),
                respondio("malformed JSON", () -> signedRespondio("{\"event_type\":").body("{\"event_type\":"), 400,
                        "malformed JSON"),
                respondio("JSON with a comment", () -> signedRespondioBody("{/* hi */\"event_type\":\"contact.created\","
                        + "\"event_id\":\"c1\",\"contact\":{\"id\":7}}"), 400, "comment"),
                respondio("trailing garbage after the JSON value", () -> signedRespondioBody(GOOD_RESPONDIO + " x"), 400,
                        "Unrecognized token 'x'"),
                respondio("byte-order mark before the JSON", () -> signedRespondioBytes(concat(new byte[] {(byte) 0xEF,
                        (byte) 0xBB, (byte) 0xBF}, Webhooks.bytes(GOOD_RESPONDIO))), 400, "byte-order mark"),
                respondio("invalid UTF-8", () -> signedRespondioBytes(concat(Webhooks.bytes(
                        "{\"event_type\":\"contact.created\",\"event_id\":\"u8\",\"contact\":{\"id\":7,\"firstName\":\"A"),
                        new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}', '}'})), 400, "body is not valid UTF-8: byte 0xC3"),
                respondio("oversized body", () -> oversized(), 413, "limit"),
                respondio("JSON nested 10,000 deep", () -> signedRespondioBody(Webhooks.respondioEvent("contact.created",
                        "deep", "{\"id\":7,\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")), 400,
                        "nesting depth (17) exceeds the maximum allowed (16)"),
                respondio("string beyond the length limit", () -> signedRespondioBody(Webhooks.respondioEvent(
                        "contact.created", "long", "{\"id\":7,\"lastName\":\"" + "x".repeat(70_000) + "\"}")), 400,
                        "exceeds the maximum allowed (65536)"),
                respondio("too many keys", () -> signedRespondioBody(Webhooks.respondioEvent("contact.created", "keys",
                        "{\"id\":7," + IntStream.range(0, 6000).mapToObj(i -> "\"k" + i + "\":0")
                                .collect(Collectors.joining(",")) + "}")), 400,
                        "Token count (10001) exceeds the maximum allowed (10000)"),
                respondio("not an object", () -> signedRespondioBody("[1,2]"), 400, "JSON object"),
                respondio("unknown event type", () -> signedRespondioBody(Webhooks.respondioEvent("conversation.opened", "b1",
                        "{\"id\":7}")), 400, "event_type 'conversation.opened' is not handled"),
                respondio("missing event id", () -> signedRespondioBody("{\"event_type\":\"contact.created\",\"contact\":{\"id\":7}}"),
                        400, "event_id is required"),
                respondio("event id longer than the inbox stores", () -> signedRespondioBody(Webhooks.respondioEvent(
                        "contact.created", "e".repeat(201), "{\"id\":7}")), 400,
                        "event_id is 201 characters; the limit is 200"),
                respondio("missing contact", () -> signedRespondioBody("{\"event_type\":\"contact.created\",\"event_id\":\"b2\"}"),
                        400, "contact is required"),
                respondio("contact is an array", () -> signedRespondioBody(Webhooks.respondioEvent("contact.created", "b7",
                        "[{\"id\":7}]")), 400, "contact must be an object"),
                respondio("contact id not a number", () -> signedRespondioBody(Webhooks.respondioEvent("contact.created", "b3",
                        "{\"id\":\"seven\"}")), 400, "contact.id must be an integer"),
                respondio("contact id written with an exponent", () -> signedRespondioBody(Webhooks.respondioEvent(
                        "contact.created", "b8", "{\"id\":7e0}")), 400,
                        "contact.id must be an integer without fraction or exponent"),
                respondio("NUL character in a string", () -> signedRespondioBody(Webhooks.respondioEvent("contact.created",
                        "b9", "{\"id\":7,\"firstName\":\"Ada\\u0000\"}")), 400,
                        "contact.firstName contains the control character U+0000"),
                respondio("unpaired surrogate in a string", () -> signedRespondioBody(Webhooks.respondioEvent(
                        "contact.created", "b10", "{\"id\":7,\"lastName\":\"\\ud800x\"}")), 400,
                        "contact.lastName contains the unpaired surrogate U+D800"),
                respondio("invalid email", () -> signedRespondioBody(Webhooks.respondioEvent("contact.created", "b4",
                        "{\"id\":7,\"email\":\"not-an-email\"}")), 400, "contact.email is not a valid email"),
                respondio("email not a string", () -> signedRespondioBody(Webhooks.respondioEvent("contact.created", "b5",
                        "{\"id\":7,\"email\":42}")), 400, "contact.email must be a string"),
                respondio("email mixing scripts in one label", () -> signedRespondioBody(Webhooks.respondioEvent(
                        "contact.created", "b11", "{\"id\":7,\"email\":\"ada.lovelace@ex\u0430mple.com\"}")), 400,
                        "'ex\u0430mple' mixes Cyrillic and Latin"),
                respondio("email with an invisible character", () -> signedRespondioBody(Webhooks.respondioEvent(
                        "contact.created", "b12", "{\"id\":7,\"email\":\"ada@exam\u200Bple.com\"}")), 400,
                        "contains the invisible character U+200B"),
                respondio("email local part over 64 octets", () -> signedRespondioBody(Webhooks.respondioEvent(
                        "contact.created", "b13", "{\"id\":7,\"email\":\"" + "a".repeat(65) + "@example.com\"}")), 400,
                        "local part is longer than 64 octets"),
                respondio("phone not a phone", () -> signedRespondioBody(Webhooks.respondioEvent("contact.created", "b6",
                        "{\"id\":7,\"email\":\"a@example.com\",\"phone\":\"call me\"}")), 400, "contact.phone"),
                respondio("empty body", () -> given().contentType("application/json")
                        .header("X-Webhook-Signature", WebhookSignatures.respondio(Webhooks.RESPONDIO_KEY, new byte[0])),
                        400, "body is empty"),
                hubspot("missing signature", () -> given().contentType("application/json").body(GOOD_HUBSPOT), 401,
                        "missing X-HubSpot-Signature"),
                hubspot("stale timestamp", () -> signedHubSpot(GOOD_HUBSPOT, System.currentTimeMillis() - 600_000), 401,
                        "outside the 5-minute window"),
                hubspot("forged v3 signature", () -> given().contentType("application/json")
                        .header("X-HubSpot-Request-Timestamp", Long.toString(System.currentTimeMillis()))
                        .header("X-HubSpot-Signature-v3", "Zm9yZ2Vk").body(GOOD_HUBSPOT), 401, "does not match"),
                hubspot("forged v1 signature", () -> given().contentType("application/json")
                        .header("X-HubSpot-Signature-Version", "v1").header("X-HubSpot-Signature", "00")
                        .body(GOOD_HUBSPOT), 401, "does not match (v1)"),
                hubspot("unknown signature version", () -> given().contentType("application/json")
                        .header("X-HubSpot-Signature-Version", "v9").header("X-HubSpot-Signature", "00")
                        .body(GOOD_HUBSPOT), 401, "unsupported X-HubSpot-Signature-Version"),
                hubspot("not an array", () -> signedHubSpot("{\"eventId\":1}"), 400, "JSON array"),
                hubspot("empty batch", () -> signedHubSpot("[]"), 400, "empty array"),
                hubspot("batch larger than HubSpot sends", () -> signedHubSpot(batch(101)), 400,
                        "batch has 101 events; HubSpot sends at most 100"),
                hubspot("batch mixing portals", () -> signedHubSpot("[" + event() + "," + event("portalId", "99") + "]"),
                        400, "[1].portalId 99 differs from [0].portalId 62515"),
                hubspot("unknown subscription type", () -> signedHubSpot("[" + Webhooks.hubspotEvent(2, "deal.creation", "7",
                        "CRM_UI", "u") + "]"), 400, "[0].subscriptionType 'deal.creation'"),
                hubspot("missing object id", () -> signedHubSpot("[{\"eventId\":3,\"subscriptionType\":\"contact.creation\","
                        + "\"occurredAt\":1}]"), 400, "[0].objectId is required"),
                hubspot("negative object id", () -> signedHubSpot("[" + event("objectId", "-7") + "]"), 400,
                        "[0].objectId must be a positive integer, got -7"),
                hubspot("object id beyond 64 bits", () -> signedHubSpot("[" + event("objectId", "18446744073709551623")
                        + "]"), 400, "[0].objectId 18446744073709551623 is beyond the 64-bit integer range"),
                hubspot("object id as a numeric string", () -> signedHubSpot("[" + event("objectId", "\"7\"") + "]"), 400,
                        "[0].objectId must be an integer JSON number, not the string \"7\""),
                hubspot("duplicate key", () -> signedHubSpot("[" + event("objectId", "7,\"objectId\":8") + "]"), 400,
                        "Duplicate field 'objectId'"),
                hubspot("number beyond a double", () -> signedHubSpot("[" + event("attemptNumber", "1e400") + "]"), 400,
                        "[0].attemptNumber is a number beyond the range of a 64-bit float"),
                hubspot("occurredAt in the future", () -> signedHubSpot("[" + event("occurredAt",
                        Long.toString(System.currentTimeMillis() + 86_400_000)) + "]"), 400,
                        "minutes in the future"),
                hubspot("property change without propertyName", () -> signedHubSpot("[" + propertyChange()
                        .replace("\"propertyName\":\"firstname\",", "") + "]"), 400, "[0].propertyName is required"),
                hubspot("propertyValue not a string", () -> signedHubSpot("[" + propertyChange()
                        .replace("\"propertyValue\":\"Changed\"", "\"propertyValue\":42") + "]"), 400,
                        "[0].propertyValue must be a string, got 42"),
                hubspot("one bad event in a batch", () -> signedHubSpot("[" + Webhooks.hubspotEvent(4, "contact.creation", "7",
                        "CRM_UI", "u") + ",{\"eventId\":\"x\"}]"), 400, "[1].eventId"));
    }

    /** More values of the id, email, phone and content-type classes above: the same checks must catch them. */
    static Stream<Arguments> moreValuesOfAClass() {
        List<Arguments> rows = new ArrayList<>();
        for (String value : List.of("0", "-1", "1.5", "1e3", "9223372036854775808", "\"7\"", "true")) {
            for (String field : List.of("eventId", "objectId", "portalId", "appId", "occurredAt")) {
                rows.add(hubspot(field + " = " + value, () -> signedHubSpot("[" + event(field, value) + "]"), 400,
                        "[0]." + field));
            }
            rows.add(respondio("contact.id = " + value, () -> signedRespondioBody(Webhooks.respondioEvent(
                    "contact.created", "v", "{\"id\":" + value + "}")), 400, "contact.id"));
        }
        rows.add(respondio("email over 254 octets", () -> signedRespondioBody(Webhooks.respondioEvent("contact.created",
                "v", "{\"id\":7,\"email\":\"ada@" + "a".repeat(250) + ".com\"}")), 400, "longer than 254 octets"));
        rows.add(respondio("email with a no-break space", () -> signedRespondioBody(Webhooks.respondioEvent(
                "contact.created", "v", "{\"id\":7,\"email\":\"ada@exam\u00A0ple.com\"}")), 400, "U+00A0"));
        rows.add(respondio("phone not a string", () -> signedRespondioBody(Webhooks.respondioEvent("contact.created",
                "v", "{\"id\":7,\"phone\":447911123456}")), 400, "contact.phone must be a string"));
        rows.add(respondio("look-alike media type", () -> signedRespondio(GOOD_RESPONDIO)
                .contentType("application/json-patch+json").body(GOOD_RESPONDIO), 415, "Content-Type must be"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadWebhookIsRefusedClearlyAndChangesNothing(String name, String path, Function<String, Response> request,
            int status, String message) {
        refusedAndNothingChanged(name, path, request, status, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moreValuesOfAClass")
    void otherValuesOfAClassAreRefusedToo(String name, String path, Function<String, Response> request, int status,
            String message) {
        refusedAndNothingChanged(name, path, request, status, message);
    }

    /** The decision for internationalised addresses: one script per label (Han with kana or Hangul counts as one). */
    @ParameterizedTest
    @ValueSource(strings = {"ада.лавлейс%d@пример.рф", "やまだ太郎%d@例え.テスト"})
    void anInternationalisedEmailInOneScriptPerLabelIsSynced(String pattern) {
        String email = String.format(pattern, UNIQUE.incrementAndGet());
        long id = respondio.createContactAsUser(Map.of("firstName", "Ada", "email", email));

        Webhooks.respondio(Webhooks.respondioEvent("contact.created", "idn-" + id + "-" + UNIQUE.get(),
                "{\"id\":" + id + ",\"email\":\"" + email + "\"}")).then().statusCode(202);
        awaitInboxDrained();

        assertEquals("created", lastRunOf(email).get("decision"));
    }

    private void refusedAndNothingChanged(String name, String path, Function<String, Response> request, int status,
            String message) {
        Map<String, Object> inboxBefore = inboxCounts();

        request.apply(path).then().statusCode(status).body("error", containsString(message));

        assertEquals(inboxBefore, inboxCounts(), name + ": nothing stored");
        assertEquals(0, hubspot.requests().size() + respondio.requests().size(), name + ": no vendor called");
        Response good = path.endsWith("/hubspot") ? signedHubSpot(GOOD_HUBSPOT).post(path)
                : signedRespondioBody(GOOD_RESPONDIO).post(path);
        good.then().statusCode(202);
    }

    private static Map<String, Object> inboxCounts() {
        return given().header("Authorization", ADMIN).get("/admin/inbox").then().statusCode(200).extract().jsonPath()
                .getMap("$");
    }

    private static Arguments respondio(String name, Supplier<RequestSpecification> request, int status, String message) {
        return respondioCall(name, path -> request.get().post(path), status, message);
    }

    private static Arguments respondioCall(String name, Function<String, Response> request, int status, String message) {
        return Arguments.of("respond.io: " + name, "/webhooks/respondio", request, status, message);
    }

    private static Arguments hubspot(String name, Supplier<RequestSpecification> request, int status, String message) {
        Function<String, Response> post = path -> request.get().post(path);
        return Arguments.of("HubSpot: " + name, "/webhooks/hubspot", post, status, message);
    }

    private static RequestSpecification signedRespondio(String signedBody) {
        return signedRespondio(Webhooks.bytes(signedBody));
    }

    private static RequestSpecification signedRespondio(byte[] signedBody) {
        return given().contentType("application/json")
                .header("X-Webhook-Signature", WebhookSignatures.respondio(Webhooks.RESPONDIO_KEY, signedBody));
    }

    private static RequestSpecification signedRespondioBody(String body) {
        return signedRespondio(body).body(Webhooks.bytes(body));
    }

    private static RequestSpecification signedRespondioBytes(byte[] body) {
        return signedRespondio(body).body(body);
    }

    private static RequestSpecification oversized() {
        String body = Webhooks.respondioEvent("contact.created", "big", "{\"id\":7,\"note\":\"" + "x".repeat(1_100_000) + "\"}");
        return signedRespondioBody(body);
    }

    private static RequestSpecification signedHubSpot(String body) {
        return signedHubSpot(body, System.currentTimeMillis());
    }

    private static RequestSpecification signedHubSpot(String body, long timestamp) {
        String uri = "http://localhost:" + io.restassured.RestAssured.port + "/webhooks/hubspot";
        return given().contentType("application/json")
                .header("X-HubSpot-Request-Timestamp", Long.toString(timestamp))
                .header("X-HubSpot-Signature-v3", WebhookSignatures.hubspotV3(Webhooks.HUBSPOT_SECRET, "POST", uri,
                        Webhooks.bytes(body), Long.toString(timestamp)))
                .body(Webhooks.bytes(body));
    }

    private static String event() {
        return Webhooks.hubspotEvent(5, "contact.creation", "7", "CRM_UI", "u");
    }

    /** A valid event with one field's raw JSON value replaced. */
    private static String event(String field, String rawValue) {
        return event().replaceFirst("\"" + field + "\":[^,}]+", Matcher.quoteReplacement("\"" + field + "\":" + rawValue));
    }

    private static String propertyChange() {
        return Webhooks.hubspotEvent(6, "contact.propertyChange", "7", "CRM_UI", "u");
    }

    private static String batch(int events) {
        return IntStream.range(0, events).mapToObj(i -> Webhooks.hubspotEvent(100 + i, "contact.creation", "7", "CRM_UI",
                "u")).collect(Collectors.joining(",", "[", "]"));
    }

    private static byte[] gzip(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(Webhooks.bytes(s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
