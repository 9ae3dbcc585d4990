package io.contactsync.webhook;

import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Reads a webhook body as exactly one strict JSON document: UTF-8 without a byte-order mark, no duplicate keys,
 * nothing after the value, within the nesting, string and token limits; then {@link JsonContent} checks its values.
 */
@ApplicationScoped
public class WebhookJson {

    @Inject
    WebhookConfig config;

    private ObjectMapper mapper;

    @PostConstruct
    void init() {
        StreamReadConstraints limits = StreamReadConstraints.builder().maxNestingDepth(config.maxJsonDepth())
                .maxStringLength(config.maxJsonStringLength()).maxTokenCount(config.maxJsonTokens()).build();
        mapper = new ObjectMapper(JsonFactory.builder().streamReadConstraints(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public JsonNode parse(byte[] body) {
        String text = utf8(body);
        if (text.startsWith("\uFEFF")) {
            throw WebhookRejectedException.badRequest("body starts with a byte-order mark (U+FEFF); JSON must not");
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (StreamConstraintsException e) {
            throw WebhookRejectedException.badRequest("JSON is beyond a webhook limit: "
                    + e.getOriginalMessage().replaceAll(", from `[^`]*`", ""));
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw WebhookRejectedException.badRequest("malformed JSON"
                    + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw WebhookRejectedException.badRequest("malformed JSON: empty document");
        }
        JsonContent.check(root);
        return root;
    }

    private static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw WebhookRejectedException.badRequest(String.format("body is not valid UTF-8: byte 0x%02X at offset %d",
                    body[in.position()], in.position()));
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
