package io.contactsync.sync;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.component.jsonata.JsonataComponent;
import org.apache.camel.component.jsonata.JsonataConstants;
import org.apache.camel.component.jsonata.JsonataFrameBinding;
import org.apache.camel.component.jsonata.JsonataEndpoint;
import org.apache.camel.component.jsonata.JsonataInputOutputType;
import org.apache.camel.support.ExchangeHelper;

/**
 * A jsonata endpoint that keeps its mapping parsed. Camel's endpoint parses the template on every exchange, which was
 * a fifth of a sync lane's CPU. The template is read as Camel reads it (once with the component's content cache, on
 * every exchange with {@code contentCache=false}) and parsed again only when its text differs from the last. A parsed
 * expression keeps per-evaluation state: its input and timestamp, and the frame its last evaluation ended in, under
 * which the next evaluation would hang its own (every earlier input kept, variable lookups ever longer). So each
 * expression serves one exchange at a time and starts each from the frame it had when parsed; idle ones wait in a
 * small pool, and an exchange that finds none idle parses its own.
 */
public class ParsedJsonataEndpoint extends JsonataEndpoint {

    /** Parsed expressions kept idle per endpoint: more than the lanes caught mid-mapping at one moment. */
    private static final int IDLE_EXPRESSIONS = 64;

    /** com.dashjoin.jsonata.Jsonata's frame of the next evaluation (package-private; JVM mode reads it reflectively). */
    private static final Field ENVIRONMENT = environmentField();

    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong parses = new AtomicLong();
    private volatile Parsed parsed = new Parsed("");

    /** A parsed expression and the frame it starts every evaluation from. */
    record Expression(Jsonata jsonata, Object firstFrame) {
    }

    /** One template text and its idle parsed expressions. */
    private record Parsed(String template, BlockingQueue<Expression> idle) {
        Parsed(String template) {
            this(template, new ArrayBlockingQueue<>(IDLE_EXPRESSIONS));
        }
    }

    public ParsedJsonataEndpoint(String uri, JsonataComponent component, String resourceUri,
            JsonataFrameBinding frameBinding) {
        super(uri, component, resourceUri, frameBinding);
    }

    @Override
    protected void onExchange(Exchange exchange) throws Exception {
        if (isAllowTemplateFromHeader() && exchange.getIn().getHeader(JsonataConstants.JSONATA_RESOURCE_URI) != null) {
            super.onExchange(exchange);
            return;
        }
        Object input = getInputType() == JsonataInputOutputType.JsonString
                ? mapper.readValue(exchange.getIn().getBody(InputStream.class), Object.class)
                : mapper.convertValue(exchange.getIn().getBody(), Object.class);
        Parsed current = current();
        Expression expression = current.idle().poll();
        if (expression == null) {
            Jsonata parsedNow = Jsonata.jsonata(current.template());
            parses.incrementAndGet();
            expression = new Expression(parsedNow, ENVIRONMENT.get(parsedNow));
        } else {
            ENVIRONMENT.set(expression.jsonata(), expression.firstFrame());
        }
        Jsonata.Frame frame = expression.jsonata().createFrame();
        if (getFrameBinding() != null) {
            getFrameBinding().bindToFrame(frame);
        }
        Object result = expression.jsonata().evaluate(input, frame);
        current.idle().offer(expression);
        String json = isPrettyPrint() ? mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result)
                : mapper.writeValueAsString(result);
        ExchangeHelper.setInOutBodyPatternAware(exchange,
                getOutputType() == JsonataInputOutputType.JsonString ? json : mapper.readTree(json));
    }

    /** The expressions idle now (for tests: they must start each evaluation from their first frame). */
    Iterable<Expression> idle() {
        return parsed.idle();
    }

    /** How many times this endpoint has parsed its template. */
    public long parses() {
        return parses.get();
    }

    /** The parsed state for the template as it reads now. */
    private Parsed current() throws Exception {
        String template;
        try (InputStream in = getResourceAsInputStream()) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Parsed known = parsed;
        if (!known.template().equals(template)) {
            known = new Parsed(template);
            parsed = known;
        }
        return known;
    }

    private static Field environmentField() {
        try {
            Field field = Jsonata.class.getDeclaredField("environment");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("com.dashjoin.jsonata.Jsonata has no field environment: a parsed mapping"
                    + " cannot be evaluated again safely with this version", e);
        }
    }
}
