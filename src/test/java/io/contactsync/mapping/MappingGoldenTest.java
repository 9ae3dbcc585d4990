package io.contactsync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every mappings/*.jsonata file against its golden cases: {case}.input.json -> {case}.expected.json. */
class MappingGoldenTest {

    private static final Path MAPPINGS = Path.of("mappings");
    private static final Path CASES = Path.of("src/test/resources/mapping-cases");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws IOException {
        return mappingNames().stream().flatMap(mapping -> {
            try (Stream<Path> files = Files.list(CASES.resolve(mapping))) {
                return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".input.json")).sorted()
                        .map(n -> Arguments.of(mapping, n.substring(0, n.length() - ".input.json".length())))
                        .toList().stream();
            } catch (IOException e) {
                throw new IllegalStateException("no golden cases for mapping " + mapping, e);
            }
        });
    }

    @Test
    void everyMappingFileHasGoldenCases() throws IOException {
        for (String mapping : mappingNames()) {
            Path dir = CASES.resolve(mapping);
            assertFalse(!Files.isDirectory(dir) || cases().noneMatch(a -> a.get()[0].equals(mapping)),
                    "mappings/" + mapping + ".jsonata has no golden cases in " + dir);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void mappingProducesTheExpectedOutput(String mapping, String name) throws IOException {
        Jsonata expression = Jsonata.jsonata(Files.readString(MAPPINGS.resolve(mapping + ".jsonata")));
        Object input = JSON.readValue(CASES.resolve(mapping).resolve(name + ".input.json").toFile(), Object.class);
        JsonNode expected = JSON.readTree(CASES.resolve(mapping).resolve(name + ".expected.json").toFile());

        JsonNode actual = JSON.valueToTree(expression.evaluate(input));

        assertEquals(expected, actual, mapping + " / " + name);
    }

    private static List<String> mappingNames() throws IOException {
        try (Stream<Path> files = Files.list(MAPPINGS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonata"))
                    .map(n -> n.substring(0, n.length() - ".jsonata".length())).sorted().toList();
        }
    }
}
