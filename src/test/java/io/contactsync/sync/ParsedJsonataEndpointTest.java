package io.contactsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jsonata: component of the routes parses a mapping once, reads an edited mapping as Camel's does (at once with
 * contentCache=false), and never mixes exchanges.
 */
class ParsedJsonataEndpointTest {

    @TempDir
    Path dir;

    private CamelContext camel;
    private ProducerTemplate producer;
    private Path mapping;
    private String uri;

    @BeforeEach
    void camelWithTheComponent() throws Exception {
        camel = new DefaultCamelContext();
        camel.addComponent("jsonata", new ParsedJsonataComponent());
        camel.start();
        producer = camel.createProducerTemplate();
        mapping = dir.resolve("double.jsonata");
        Files.writeString(mapping, "{ \"id\": id, \"n\": value * 2 }");
        uri = "jsonata:file:" + mapping + "?inputType=JsonString&outputType=JsonString";
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aMappingIsParsedOnceForManyExchanges() {
        for (int i = 0; i < 1_000; i++) {
            assertEquals("{\"id\":" + i + ",\"n\":" + 2 * i + "}", map(i));
        }
        assertEquals(1, endpoint().parses(), "one parse for 1,000 exchanges one after the other");
    }

    @Test
    void eachEvaluationStartsFromTheFirstFrameNotUnderTheLastOne() throws Exception {
        Files.writeString(mapping, "( $double := function($v) { $v * 2 }; { \"id\": id, \"n\": $double(value) } )");
        for (int i = 0; i < 2_000; i++) {
            assertEquals("{\"id\":" + i + ",\"n\":" + 2 * i + "}", map(i));
        }
        Field environment = Jsonata.class.getDeclaredField("environment");
        environment.setAccessible(true);
        Field parent = Jsonata.Frame.class.getDeclaredField("parent");
        parent.setAccessible(true);
        for (ParsedJsonataEndpoint.Expression expression : endpoint().idle()) {
            int depth = 0;
            for (Object frame = environment.get(expression.jsonata()); frame != null; frame = parent.get(frame)) {
                depth++;
            }
            assertTrue(depth < 10, "the frames of one evaluation, not of 2,000: " + depth);
        }
    }

    @Test
    void withoutTheContentCacheAnEditedMappingCountsFromTheNextExchange() throws Exception {
        uri += "&contentCache=false";
        assertEquals("{\"id\":1,\"n\":42}", map(1, 21));
        Files.writeString(mapping, "{ \"id\": id, \"n\": value * 3 }");
        assertEquals("{\"id\":1,\"n\":63}", map(1, 21));
        assertEquals(2, endpoint().parses());
    }

    @Test
    void withTheContentCacheAsCamelsComponentHasItTheMappingIsReadOnce() throws Exception {
        assertEquals("{\"id\":1,\"n\":42}", map(1, 21));
        Files.writeString(mapping, "{ \"id\": id, \"n\": value * 3 }");
        assertEquals("{\"id\":1,\"n\":42}", map(1, 21));
    }

    @Test
    void exchangesMappingAtTheSameTimeEachGetTheirOwnResult() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        int id = thread * 1_000 + i;
                        if (!("{\"id\":" + id + ",\"n\":" + 2 * id + "}").equals(map(id))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(), "every exchange got the mapping of its own input");
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(endpoint().parses() <= 8, "at most one parse per exchange mapping at the same moment: "
                + endpoint().parses());
    }

    @Test
    void aMappingThatDoesNotParseFailsTheExchangeWithJsonatasMessage() throws Exception {
        Files.writeString(mapping, "{ \"n\": value * }");
        Exception failure = assertThrows(CamelExecutionException.class, () -> map(1));
        assertInstanceOf(JException.class, failure.getCause(), failure.toString());
    }

    private String map(int id) {
        return map(id, id);
    }

    private String map(int id, int value) {
        return producer.requestBody(uri, "{\"id\":" + id + ",\"value\":" + value + "}", String.class);
    }

    private ParsedJsonataEndpoint endpoint() {
        return camel.getEndpoint(uri, ParsedJsonataEndpoint.class);
    }
}
