package io.contactsync.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.Test;

/** The routes' mapping steps run on ParsedJsonataComponent, not on Camel's own jsonata component. */
@QuarkusTest
class ParsedJsonataInTheAppTest {

    @Inject
    CamelContext camel;

    @Test
    void theRoutesMapWithTheParsedOnceEndpoint() {
        assertInstanceOf(ParsedJsonataComponent.class, camel.getComponent("jsonata"));
        List<Endpoint> mappings = camel.getEndpoints().stream()
                .filter(e -> e.getEndpointUri().startsWith("jsonata:")).toList();
        assertFalse(mappings.isEmpty(), "the routes' static mapping steps are endpoints by now");
        mappings.forEach(e -> assertInstanceOf(ParsedJsonataEndpoint.class, e, e.getEndpointUri()));
    }
}
