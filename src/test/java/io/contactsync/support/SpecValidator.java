package io.contactsync.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import io.contactsync.sandbox.RecordedRequest;

/**
 * Validates the requests contact-sync sent to a simulator against the vendor's OpenAPI document, read from
 * ../shared/specs (never copied into the project). A malformed request fails the test.
 */
public final class SpecValidator {

    private static final Path SPECS = Path.of("..", "shared", "specs");

    /** Requests whose path starts with the prefix are checked against the spec (null: there is none to check with). */
    private record Spec(String pathPrefix, OpenApiInteractionValidator validator) {
    }

    private final List<Spec> specs;
    private final String basePath;
    private final String authHeader;
    private final String authPrefix;

    private SpecValidator(String basePath, String authHeader, String authPrefix, Spec... specs) {
        this.specs = List.of(specs);
        this.basePath = basePath;
        this.authHeader = authHeader;
        this.authPrefix = authPrefix;
    }

    public static SpecValidator hubspot() {
        return new SpecValidator("", "Authorization", "Bearer ",
                unresolvedSpec("/crm/v3/lists", "hubspot/crm-lists-v3.json"),
                withoutSpec("/crm/v3/owners"),
                spec("", "hubspot/crm-contacts-v3.relaxed.json"));
    }

    public static SpecValidator respondio() {
        return new SpecValidator("/v2", "Authorization", "Bearer ",
                spec("", "respondio/respondio-v2-contacts.HAND-DERIVED.json"));
    }

    public static SpecValidator brevo() {
        // The contact identifier is "oneOf string, integer": the validator then parses an email in the path as JSON
        // and fails; ids and everything else are still checked.
        return new SpecValidator("/v3", "api-key", "",
                spec("", "brevo/brevo-v3-contacts-webhooks.subset.json", true,
                        "validation.request.parameter.schema.invalidJson"));
    }

    private static Spec spec(String pathPrefix, String specFile) {
        return spec(pathPrefix, specFile, true);
    }

    /**
     * For specs with recursive schemas (HubSpot's list filters): inlining their $refs and combinators grows without
     * bound, so the validator follows the $refs instead.
     */
    private static Spec unresolvedSpec(String pathPrefix, String specFile) {
        return spec(pathPrefix, specFile, false);
    }

    /** An API ../shared/specs holds no document of (HubSpot's owners): only the credentials are checked. */
    private static Spec withoutSpec(String pathPrefix) {
        return new Spec(pathPrefix, null);
    }

    private static Spec spec(String pathPrefix, String specFile, boolean resolve, String... ignoredMessages) {
        Path spec = SPECS.resolve(specFile);
        if (!Files.exists(spec)) {
            throw new IllegalStateException("vendor spec not found at " + spec.toAbsolutePath()
                    + ": the shared folder must sit beside the project");
        }
        LevelResolver.Builder levels = LevelResolver.create()
                // the specs' security schemes are artefacts (docs/vendor-apis.md); auth is asserted separately
                .withLevel("validation.request.security", ValidationReport.Level.IGNORE);
        for (String ignored : ignoredMessages) {
            levels.withLevel(ignored, ValidationReport.Level.IGNORE);
        }
        return new Spec(pathPrefix, OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString())
                .withResolveRefs(resolve)
                .withResolveCombinators(resolve)
                .withLevelResolver(levels.build())
                .build());
    }

    public void assertValid(List<RecordedRequest> requests) {
        StringBuilder problems = new StringBuilder();
        for (RecordedRequest r : requests) {
            OpenApiInteractionValidator validator = specs.stream().filter(s -> r.path().startsWith(s.pathPrefix()))
                    .findFirst().orElseThrow().validator();
            ValidationReport report = validator == null ? null : validator.validateRequest(toRequest(r));
            if (report != null && report.hasErrors()) {
                problems.append(r.method()).append(' ').append(r.path()).append(" -> ")
                        .append(report.getMessages()).append('\n');
            }
            String auth = r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(authHeader))
                    .map(java.util.Map.Entry::getValue).findFirst().orElse("");
            if (auth.length() <= authPrefix.length() || !auth.startsWith(authPrefix)) {
                problems.append(r.method()).append(' ').append(r.path()).append(" -> no ").append(authHeader)
                        .append(" credentials\n");
            }
        }
        if (!problems.isEmpty()) {
            fail("requests that do not match the vendor spec:\n" + problems);
        }
    }

    private Request toRequest(RecordedRequest r) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(r.method(), basePath + r.path());
        if (r.query() != null && !r.query().isEmpty()) {
            for (String pair : r.query().split("&")) {
                String[] kv = pair.split("=", 2);
                b.withQueryParam(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        r.headers().forEach(b::withHeader);
        if (r.body() != null && !r.body().isEmpty()) {
            b.withBody(r.body());
        }
        return b.build();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
