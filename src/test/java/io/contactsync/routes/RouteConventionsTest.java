package io.contactsync.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.fge.jsonschema.core.report.ProcessingMessage;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchema;
import com.github.fge.jsonschema.main.JsonSchemaFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conventions of routes/*.camel.yaml (docs/routes.md, "Writing a scenario rule"), so that a route body keeps
 * reading like its header table:
 * <ul>
 * <li>every rule of the header table is a step whose id is {@code <route id>-<rule>}, in the table's order;</li>
 * <li>the header comment has a "variables" block;</li>
 * <li>every step has an id starting with its route's id, every bean step a description;</li>
 * <li>endpoints are called one way: {@code to}/{@code toD} with {@code uri} and {@code parameters}, no query string;</li>
 * <li>kamelet:skip-if is called with {@code to}, {@code when} and {@code reason}, and a value holding an & is written
 * RAW(...) (the YAML DSL puts parameters into the URI unencoded);</li>
 * <li>every bean step whose description names a vendor call ("one HubSpot batch read", "one respond.io write") comes
 * right after a kamelet:vendor-budget step naming that vendor's budget, and every vendor-budget step comes right
 * before such a step, so the route shows where it waits for each vendor;</li>
 * <li>every file is valid against the Camel YAML DSL schema that Kaoto and the IDE plugins read.</li>
 * </ul>
 */
class RouteConventionsTest {

    private static final Path ROUTES = Path.of("routes");
    private static final Path SKIP_IF = Path.of("kamelets/skip-if.kamelet.yaml");
    private static final Path VENDOR_BUDGET = Path.of("kamelets/vendor-budget.kamelet.yaml");
    /** How a bean's description says it calls a vendor, and the budget each vendor's calls draw from. */
    private static final Pattern VENDOR_CALL = Pattern.compile("\\bone (HubSpot|respond\\.io|Brevo|Salesforce)\\b");
    private static final Map<String, String> BUDGETS = Map.of("HubSpot", "hubspot", "respond.io", "respondio",
            "Brevo", "brevo", "Salesforce", "salesforce");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TABLE_ROW = Pattern.compile("^#\\s+([a-z][a-z0-9-]*)\\s*\\|");
    private static final Pattern VARIABLES = Pattern.compile("^# variables\\b");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^{}]+}}");
    private static final JsonSchema CAMEL_YAML_DSL = camelYamlDslSchema();

    static Stream<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void eachRuleOfTheHeaderTableIsOneStepInTheTablesOrder(Path file) throws IOException {
        List<String> rules = tableRules(file);
        String routeId = stem(file);
        List<String> ruleSteps = new ArrayList<>();
        for (JsonNode route : routes(file)) {
            if (routeId.equals(route.path("id").asText())) {
                for (String id : stepIds(route.path("from").path("steps"))) {
                    String rule = id.startsWith(routeId + "-") ? id.substring(routeId.length() + 1) : null;
                    if (rules.contains(rule)) {
                        ruleSteps.add(rule);
                    }
                }
            }
        }
        assertEquals(rules, ruleSteps, file + ": the header table's rules and the steps " + routeId + "-<rule>");
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void theHeaderListsTheVariables(Path file) throws IOException {
        assertTrue(header(file).stream().anyMatch(line -> VARIABLES.matcher(line).find()),
                file + ": the header comment needs a \"# variables\" block");
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void stepIdsStartWithTheRouteIdAndBeansSayWhatTheyTouch(Path file) throws IOException {
        for (JsonNode item : YAML.readTree(file.toFile())) {
            JsonNode owner = item.has("route") ? item.get("route") : item.get("routeConfiguration");
            if (owner == null) {
                continue;
            }
            String prefix = owner.path("id").asText() + "-";
            List<String> problems = new ArrayList<>();
            walkSteps(owner, (eip, step) -> {
                String id = step.path("id").asText("");
                if (!id.startsWith(prefix)) {
                    problems.add(eip + " id '" + id + "' does not start with " + prefix);
                }
                if (eip.equals("bean") && step.path("description").asText("").isBlank()) {
                    problems.add("bean " + id + " has no description (the variables it reads and sets)");
                }
            });
            assertEquals(List.of(), problems, file.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void endpointsAreCalledWithUriAndParameters(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        for (JsonNode route : routes(file)) {
            JsonNode from = route.path("from");
            if (from.path("uri").asText().contains("?")) {
                problems.add("from " + from.path("uri").asText() + ": options belong in parameters");
            }
            walkSteps(route, (eip, step) -> {
                if (!eip.equals("to") && !eip.equals("toD")) {
                    return;
                }
                String uri = step.path("uri").asText("");
                String id = step.path("id").asText();
                if (uri.isEmpty() || uri.contains("?")) {
                    problems.add(id + ": " + eip + " with uri (no query string) and parameters");
                }
                if (uri.equals("kamelet:skip-if")) {
                    JsonNode parameters = step.path("parameters");
                    if (!eip.equals("to")) {
                        problems.add(id + ": kamelet:skip-if is called with to (toD would evaluate the reason too early)");
                    }
                    if (parameters.path("when").asText("").isBlank() || parameters.path("reason").asText("").isBlank()) {
                        problems.add(id + ": kamelet:skip-if needs when and reason");
                    }
                    parameters.fields().forEachRemaining(p -> {
                        String value = p.getValue().asText();
                        if (value.contains("&") && !(value.startsWith("RAW(") && value.endsWith(")"))) {
                            problems.add(id + ": " + p.getKey() + " holds & and must be written RAW(...)");
                        }
                    });
                }
            });
        }
        assertEquals(List.of(), problems, file.toString());
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void eachVendorCallStepIsPacedByTheBudgetItDrawsFrom(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        List<JsonNode> stepLists = new ArrayList<>();
        for (JsonNode route : routes(file)) {
            stepLists.add(route.path("from").path("steps"));
            walkSteps(route, (eip, step) -> {
                if (step.has("steps")) {
                    stepLists.add(step.get("steps"));
                }
            });
        }
        for (JsonNode steps : stepLists) {
            String pacedBy = null;
            String pacingStep = null;
            for (JsonNode item : steps) {
                String eip = item.fieldNames().next();
                JsonNode step = item.get(eip);
                String id = step.path("id").asText();
                Set<String> called = new TreeSet<>();
                Matcher m = VENDOR_CALL.matcher(eip.equals("bean") ? step.path("description").asText("") : "");
                while (m.find()) {
                    called.add(BUDGETS.get(m.group(1)));
                }
                if (pacingStep != null && !called.contains(pacedBy)) {
                    problems.add(pacingStep + " reserves the " + pacedBy + " budget, but the next step (" + id
                            + ") does not say it makes one " + pacedBy + " call");
                }
                if (called.size() > 1) {
                    problems.add(id + " calls " + called + ": one vendor per step, each paced by its own budget");
                } else if (called.size() == 1 && !called.contains(pacedBy)) {
                    problems.add(id + " calls " + called.iterator().next() + " and needs a kamelet:vendor-budget step"
                            + " with budget " + called.iterator().next() + " right before it");
                }
                boolean pacing = "kamelet:vendor-budget".equals(step.path("uri").asText());
                pacedBy = pacing ? step.path("parameters").path("budget").asText() : null;
                pacingStep = pacing ? id : null;
                if (pacing && (!eip.equals("to") || !BUDGETS.containsValue(pacedBy))) {
                    problems.add(id + ": kamelet:vendor-budget is called with to and budget hubspot, respondio, brevo or salesforce");
                }
            }
            if (pacingStep != null) {
                problems.add(pacingStep + " is the last step: it paces nothing");
            }
        }
        assertEquals(List.of(), problems, file.toString());
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void routeFilesAreValidCamelYamlDsl(Path file) throws Exception {
        JsonNode routes = YAML.readTree(file.toFile());
        assertEquals(List.of(), schemaErrors(routes), file.toString());
    }

    @Test
    void theSkipIfTemplateIsValidCamelYamlDsl() throws Exception {
        JsonNode kamelet = YAML.readTree(SKIP_IF.toFile());
        assertEquals("skip-if", kamelet.path("metadata").path("name").asText());
        assertEquals(List.of("when", "reason"), JSON.convertValue(kamelet.path("spec").path("definition").path("required"),
                List.class));
        ArrayNode asRoute = JSON.createArrayNode();
        asRoute.addObject().putObject("route").set("from", kamelet.path("spec").path("template").path("from"));
        assertEquals(List.of(), schemaErrors(asRoute), SKIP_IF.toString());
    }

    @Test
    void theVendorBudgetTemplateIsValidCamelYamlDslAndNamesEveryBudget() throws Exception {
        JsonNode kamelet = YAML.readTree(VENDOR_BUDGET.toFile());
        assertEquals("vendor-budget", kamelet.path("metadata").path("name").asText());
        JsonNode definition = kamelet.path("spec").path("definition");
        assertEquals(List.of("budget"), JSON.convertValue(definition.path("required"), List.class));
        assertEquals(new TreeSet<>(BUDGETS.values()),
                new TreeSet<>(JSON.convertValue(definition.path("properties").path("budget").path("enum"), List.class)));
        ArrayNode asRoute = JSON.createArrayNode();
        asRoute.addObject().putObject("route").set("from", kamelet.path("spec").path("template").path("from"));
        assertEquals(List.of(), schemaErrors(asRoute), VENDOR_BUDGET.toString());
    }

    // ---- helpers

    /**
     * The schema's errors, except a property placeholder where the schema wants a boolean or a number
     * ({@code autoStartup: "{{hubspot.polling.enabled}}"}): Camel resolves it before converting the value.
     */
    private static List<String> schemaErrors(JsonNode document) throws Exception {
        ProcessingReport report = CAMEL_YAML_DSL.validate(document);
        List<String> errors = new ArrayList<>();
        for (ProcessingMessage message : report) {
            JsonNode m = message.asJson();
            if (!"error".equals(m.path("level").asText())) {
                continue;
            }
            JsonNode instance = document.at(m.path("instance").path("pointer").asText());
            boolean placeholder = "type".equals(m.path("keyword").asText()) && instance.isTextual()
                    && PLACEHOLDER.matcher(instance.asText()).matches();
            if (!placeholder) {
                errors.add(m.path("instance").path("pointer").asText() + ": " + message.getMessage());
            }
        }
        return errors;
    }

    private static List<String> header(Path file) throws IOException {
        List<String> header = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#")) {
                break;
            }
            header.add(line);
        }
        return header;
    }

    private static List<String> tableRules(Path file) throws IOException {
        List<String> rules = new ArrayList<>();
        for (String line : header(file)) {
            Matcher m = TABLE_ROW.matcher(line);
            if (m.find() && !m.group(1).equals("rule")) {
                rules.add(m.group(1));
            }
        }
        return rules;
    }

    private static List<JsonNode> routes(Path file) throws IOException {
        List<JsonNode> routes = new ArrayList<>();
        YAML.readTree(file.toFile()).forEach(item -> {
            if (item.has("route")) {
                routes.add(item.get("route"));
            }
        });
        return routes;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".camel.yaml".length());
    }

    /** Ids of every step, when and otherwise below a steps list, in document order. */
    private static List<String> stepIds(JsonNode steps) {
        List<String> ids = new ArrayList<>();
        ObjectNode holder = JSON.createObjectNode();
        holder.set("steps", steps);
        walkSteps(holder, (eip, step) -> ids.add(step.path("id").asText("")));
        return ids;
    }

    interface StepVisitor {
        void visit(String eip, JsonNode step);
    }

    /** Visits, in document order, every step of every steps list, and every when and otherwise of a choice. */
    private static void walkSteps(JsonNode node, StepVisitor visitor) {
        if (node.isArray()) {
            node.forEach(child -> walkSteps(child, visitor));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "steps" -> value.forEach(step -> step.fields().forEachRemaining(eip -> {
                    visitor.visit(eip.getKey(), eip.getValue());
                    walkSteps(eip.getValue(), visitor);
                }));
                case "when" -> value.forEach(when -> {
                    visitor.visit("when", when);
                    walkSteps(when, visitor);
                });
                case "otherwise" -> {
                    visitor.visit("otherwise", value);
                    walkSteps(value, visitor);
                }
                case "onException" -> value.forEach(handler -> walkSteps(handler.path("onException"), visitor));
                case "expression", "parameters" -> {
                }
                default -> walkSteps(value, visitor);
            }
        }
    }

    private static JsonSchema camelYamlDslSchema() {
        try (InputStream in = RouteConventionsTest.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertNotNull(in, "schema/camelYamlDsl.json from camel-yaml-dsl");
            JsonNode schema = JSON.readTree(in);
            assertFalse(schema.isMissingNode());
            return JsonSchemaFactory.byDefault().getJsonSchema(schema);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the Camel YAML DSL schema", e);
        }
    }
}
