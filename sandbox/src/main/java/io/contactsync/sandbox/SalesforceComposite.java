package io.contactsync.sandbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /services/data/vXX.X/composite}: up to 25 subrequests in one call, which counts as ONE call against the
 * daily allocation; at most 5 of them may be queries (or sObject Collections). Each subrequest is
 * {@code {method, url, referenceId, body?, httpHeaders?}}; the answer is 200 {@code {compositeResponse: [{body,
 * httpHeaders, httpStatusCode, referenceId}]}} in request order. A later url may refer to an earlier answer with
 * {@code @{referenceId.path}} (e.g. {@code @{leads.records[0].Id}}). With {@code allOrNone:true} the subrequests after
 * a failed one are answered {@code PROCESSING_HALTED}.
 * <p>
 * The sandbox serves query and queryAll subrequests (what a client needs to look a person up as Lead and Contact in
 * one call); any other subrequest makes the whole call a 400 naming it, so a client that relies on more fails loudly
 * in its tests instead of passing against a simulator that pretends.
 */
final class SalesforceComposite {

    static final int MAX_SUBREQUESTS = 25;
    static final int MAX_QUERIES = 5;

    private static final Pattern REFERENCE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern QUERY_URL = Pattern.compile("/services/data/(v\\d+\\.\\d)/(query|queryAll)/?\\?q=(.+)");
    private static final Pattern REFERENCE = Pattern.compile("@\\{([A-Za-z][A-Za-z0-9_]*)((?:\\.[A-Za-z0-9_]+|\\[\\d+])*)}");

    /** Runs one SOQL query as the query resource would, answering its first page. */
    @FunctionalInterface
    interface QueryRunner {
        Object run(String soql, boolean all, String version);
    }

    private final QueryRunner queries;
    private final ObjectMapper json;

    SalesforceComposite(QueryRunner queries, ObjectMapper json) {
        this.queries = queries;
        this.json = json;
    }

    Map<String, Object> execute(JsonNode request) {
        JsonNode subrequests = request.path("compositeRequest");
        if (!subrequests.isArray() || subrequests.isEmpty()) {
            throw SalesforceApiException.jsonParser("compositeRequest: an array of at least one subrequest is required");
        }
        if (subrequests.size() > MAX_SUBREQUESTS) {
            throw SalesforceApiException.of(400, "INVALID_API_INPUT", "compositeRequest: at most " + MAX_SUBREQUESTS
                    + " subrequests are allowed, got " + subrequests.size());
        }
        boolean allOrNone = request.path("allOrNone").asBoolean(false);
        validate(subrequests);
        Map<String, JsonNode> answered = new LinkedHashMap<>();
        List<Map<String, Object>> responses = new ArrayList<>();
        boolean halted = false;
        for (JsonNode sub : subrequests) {
            String referenceId = sub.path("referenceId").asText();
            Map<String, Object> response;
            if (halted) {
                response = answer(referenceId, 400, SalesforceApiException.of(400, "PROCESSING_HALTED",
                        "The transaction was rolled back since another operation in the same transaction failed.").body());
            } else {
                response = run(sub, referenceId, answered);
                halted = allOrNone && (int) response.get("httpStatusCode") >= 400;
            }
            answered.put(referenceId, json.valueToTree(response.get("body")));
            responses.add(response);
        }
        return Map.of("compositeResponse", responses);
    }

    private void validate(JsonNode subrequests) {
        Set<String> referenceIds = new HashSet<>();
        int queryCount = 0;
        for (JsonNode sub : subrequests) {
            String referenceId = sub.path("referenceId").asText("");
            if (!REFERENCE_ID.matcher(referenceId).matches()) {
                throw SalesforceApiException.jsonParser("referenceId: '" + referenceId
                        + "' must start with a letter and hold only letters, digits and underscores");
            }
            if (!referenceIds.add(referenceId)) {
                throw SalesforceApiException.of(400, "INVALID_API_INPUT", "Duplicate referenceId provided in the request: "
                        + referenceId);
            }
            String method = sub.path("method").asText("");
            String url = sub.path("url").asText("");
            if (!method.equals("GET") || !QUERY_URL.matcher(url).matches()) {
                throw SalesforceApiException.of(400, "NOT_SIMULATED", "The sandbox serves only query and queryAll "
                        + "subrequests in /composite; got " + method + " " + url + " (referenceId " + referenceId + ")");
            }
            queryCount++;
        }
        if (queryCount > MAX_QUERIES) {
            throw SalesforceApiException.of(400, "INVALID_API_INPUT", "compositeRequest: at most " + MAX_QUERIES
                    + " query or sObject Collections subrequests are allowed, got " + queryCount);
        }
    }

    private Map<String, Object> run(JsonNode sub, String referenceId, Map<String, JsonNode> answered) {
        try {
            Matcher url = QUERY_URL.matcher(resolve(sub.path("url").asText(), answered));
            url.matches();
            String soql = java.net.URLDecoder.decode(url.group(3), java.nio.charset.StandardCharsets.UTF_8);
            return answer(referenceId, 200, queries.run(soql, url.group(2).equals("queryAll"), url.group(1)));
        } catch (SandboxApiException e) {
            return answer(referenceId, e.status(), e.body());
        } catch (IllegalArgumentException e) {
            return answer(referenceId, 400, SalesforceApiException.of(400, "MALFORMED_QUERY", e.getMessage()).body());
        }
    }

    /** Replaces each {@code @{ref.path}} with the value at that path of an earlier subrequest's answer. */
    private static String resolve(String url, Map<String, JsonNode> answered) {
        Matcher reference = REFERENCE.matcher(url);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            JsonNode node = answered.get(reference.group(1));
            if (node == null) {
                throw SalesforceApiException.of(400, "INVALID_REFERENCE", "No earlier subrequest has the referenceId "
                        + reference.group(1));
            }
            for (String step : reference.group(2).split("(?=[.\\[])")) {
                if (step.startsWith(".")) {
                    node = node.path(step.substring(1));
                } else if (step.startsWith("[")) {
                    node = node.path(Integer.parseInt(step.substring(1, step.length() - 1)));
                }
            }
            if (node.isMissingNode() || node.isNull()) {
                throw SalesforceApiException.of(400, "INVALID_REFERENCE", "Invalid reference specified. No value for "
                        + reference.group(1) + reference.group(2) + " found in " + reference.group(1));
            }
            reference.appendReplacement(resolved, Matcher.quoteReplacement(node.asText()));
        }
        reference.appendTail(resolved);
        return resolved.toString();
    }

    private static Map<String, Object> answer(String referenceId, int status, Object body) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("body", body);
        response.put("httpHeaders", Map.of());
        response.put("httpStatusCode", status);
        response.put("referenceId", referenceId);
        return response;
    }
}
