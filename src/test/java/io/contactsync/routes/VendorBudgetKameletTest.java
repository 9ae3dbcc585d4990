package io.contactsync.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contactsync.client.RateBudgets;
import io.contactsync.client.respondio.RespondioClient;
import io.contactsync.sandbox.RespondioSimulator;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kamelets/vendor-budget.kamelet.yaml, called as the scenario routes call it: the step takes a call from the
 * vendor's one budget (the one GET /admin/rate-budgets shows) and the client's call of the next step is made on that
 * reservation, not counted again; a reservation the route does not use goes back at the next reservation (and when a
 * scenario run ends: {@link io.contactsync.pacing.PacingUnderVendorLimitsTest} counts every call of whole runs);
 * when the budget is spent the exchange waits in this step.
 */
@QuarkusTest
class VendorBudgetKameletTest {

    private static final String ROUTE_ID = "vendor-budget-test";

    private static final String ROUTE = """
            - route:
                id: vendor-budget-test
                from:
                  uri: direct:vendor-budget-test
                  steps:
                    - setVariable:
                        id: vendor-budget-test-started
                        name: started
                        expression:
                          simple:
                            expression: "${bean:budgetProbe?method=now}"
                    - to:
                        id: vendor-budget-test-pace-read-respondio-contact
                        uri: kamelet:vendor-budget
                        parameters:
                          budget: respondio
                    - setVariables:
                        id: vendor-budget-test-after-the-step
                        variables:
                          - name: reserved
                            expression:
                              simple:
                                expression: "${bean:budgetProbe?method=calls('respondio')}"
                          - name: paced
                            expression:
                              simple:
                                expression: "${bean:budgetProbe?method=now}"
                    - filter:
                        id: vendor-budget-test-when-calling
                        expression:
                          simple:
                            expression: "${variable.call}"
                        steps:
                          - bean:
                              id: vendor-budget-test-read-respondio-contact
                              description: "one respond.io read"
                              ref: respondio
                              method: "get('424242')"
            """;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    RateBudgets budgets;

    @Inject
    RespondioSimulator respondio;

    @Inject
    RespondioClient respondioClient;

    @BeforeEach
    void load() throws Exception {
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(ROUTE_ID + ".camel.yaml", ROUTE));
        respondio.reset();
    }

    @AfterEach
    void removeRouteAndRelearn() throws Exception {
        camel.getRouteController().stopRoute(ROUTE_ID);
        camel.removeRoute(ROUTE_ID);
        respondio.limitRate(0);
        respondioClient.get("1");
    }

    @Test
    void theStepReservesACallAndTheClientMakesItOnTheReservation() {
        long before = calls();
        Exchange exchange = run(true);

        assertNull(exchange.getException());
        assertEquals(before + 1, exchange.getVariable("reserved", Long.class), "the step took one call");
        assertEquals(before + 1, calls(), "the client's call was the reserved one, not a second");
        assertEquals(1, respondio.requests().size());
    }

    @Test
    void aReservationTheRouteDoesNotUseGoesBackAtTheNextReservation() {
        long before = calls();
        Exchange unused = run(false);
        assertEquals(before + 1, unused.getVariable("reserved", Long.class));

        Exchange used = run(true);

        assertEquals(before + 1, used.getVariable("reserved", Long.class), "the unused one went back");
        assertEquals(before + 1, calls(), "one call counted, the one made");
        assertEquals(1, respondio.requests().size());
    }

    @Test
    void whenTheBudgetIsSpentTheExchangeWaitsInTheStep() {
        respondio.limitRate(1);
        respondioClient.get("2");

        Exchange exchange = run(true);

        long waitedMillis = (exchange.getVariable("paced", Long.class) - exchange.getVariable("started", Long.class))
                / 1_000_000;
        assertTrue(waitedMillis >= 500, "learned 1 call per second from the headers, so the step waited: "
                + waitedMillis + " ms");
        assertNull(exchange.getException());
        assertTrue(respondio.requests().stream().noneMatch(r -> r.status() == 429), "no call was refused");
    }

    private long calls() {
        return budgets.get("respondio").snapshot().calls();
    }

    private Exchange run(boolean call) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setVariable("call", call);
        producer.send("direct:" + ROUTE_ID, exchange);
        return exchange;
    }
}
