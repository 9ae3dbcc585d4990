package io.contactsync.client.salesforce;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.contactsync.client.ClientConfig;
import io.contactsync.client.VendorCallCounter;
import io.contactsync.client.RetryBackoff;
import io.contactsync.client.VendorUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.internal.PayloadFormat;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.service.ServiceHelper;
import org.jboss.logging.Logger;

/**
 * Every Salesforce call goes through here, on Camel's salesforce component (camel-salesforce: OAuth login, re-login
 * on 401 INVALID_SESSION_ID, the REST operations, Sforce-* request and response headers). The component is created
 * and logged in on the first call, never when {@code salesforce.enabled} is false. Each call first asks the
 * {@link SalesforceAllowance} (which may pause it), is counted (run and metrics), reports the org's
 * {@code Sforce-Limit-Info} back to the allowance, and is retried on 5xx, connection failures and
 * UNABLE_TO_LOCK_ROW with the back-off of {@code vendor.retry.*}. Salesforce's error array becomes a
 * {@link SalesforceRejectedException}, 403 REQUEST_LIMIT_EXCEEDED a {@link SalesforcePausedException}.
 */
@ApplicationScoped
public class SalesforceConnector {

    static final String VENDOR = "salesforce";
    static final String COMPONENT = "salesforce";
    /** The Camel message header camel-salesforce forwards to Salesforce (it forwards every "Sforce-*" header). */
    static final String DUPLICATE_RULE_HEADER = "Sforce-Duplicate-Rule-Header";
    private static final String LIMIT_INFO_HEADER = "Sforce-Limit-Info";
    /** Salesforce takes request URIs up to 16,384 bytes. */
    private static final int REQUEST_BUFFER_BYTES = 16_384 + 1_024;
    private static final Logger LOG = Logger.getLogger(SalesforceConnector.class);
    private static final TypeReference<List<Map<String, Object>>> ERROR_ARRAY = new TypeReference<>() {
    };

    /** The camel-salesforce operations contact-sync uses, each with rawPayload=true (JSON text in and out). */
    public enum Operation {
        QUERY("query"),
        QUERY_MORE("queryMore"),
        /** Any REST resource, e.g. sObject Collections: headers rawPath and rawMethod, plain JSON body. */
        RAW("raw");

        final String uri;

        Operation(String camelOperation) {
            this.uri = COMPONENT + ":" + camelOperation + "?rawPayload=true&format=JSON";
        }
    }

    @Inject
    SalesforceConfig config;

    @Inject
    ClientConfig clientConfig;

    @Inject
    SalesforceAllowance allowance;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper mapper;

    private volatile boolean started;

    public boolean enabled() {
        return config.enabled();
    }

    /** The REST base path of the configured API version: {@code /services/data/v66.0}. */
    public String dataPath() {
        return "/services/data/v" + config.apiVersion();
    }

    /**
     * Sends one operation and returns Salesforce's answer body (null for 204). {@code label} names the call in
     * metrics ("query", "collections-create"), {@code object} (may be null) what it was about, in errors;
     * {@code headers} are the operation's Camel headers (sObjectName, sObjectId, rawPath, rawMethod, ...).
     *
     * @throws SalesforceRejectedException Salesforce refused the request (its error array, field names included)
     * @throws SalesforcePausedException   our share of the allocation is used up, or the org's is (403)
     * @throws VendorUnavailableException  5xx, timeouts, connection failures or row locks after every retry
     */
    public String send(String label, String object, Operation operation, String body, Map<String, Object> headers) {
        String call = object == null ? label : label + " " + object;
        if (!started) {
            start();
        }
        int failures = 0;
        while (true) {
            allowance.acquire();
            VendorCallCounter.increment();
            Exchange exchange = producer.send(operation.uri, e -> {
                e.getIn().setHeaders(new HashMap<>(headers));
                if (config.duplicateRule().allowSave()) {
                    e.getIn().setHeader(DUPLICATE_RULE_HEADER, "allowSave=true");
                }
                e.getIn().setBody(body);
            });
            allowance.observe(exchange.getMessage().getHeader(LIMIT_INFO_HEADER, String.class));
            Exception failure = exchange.getException();
            if (failure == null) {
                count(label, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, "200", String.class));
                return exchange.getMessage().getBody(String.class);
            }
            SalesforceException refusal = salesforceException(failure);
            int status = refusal == null ? 0 : refusal.getStatusCode();
            count(label, status == 0 ? "error" : Integer.toString(status));
            List<SalesforceError> errors = errors(refusal);
            if (errors.stream().anyMatch(e -> SalesforceError.REQUEST_LIMIT_EXCEEDED.equals(e.errorCode()))) {
                throw allowance.limitExceeded();
            }
            boolean locked = errors.stream().anyMatch(SalesforceError::transientLock);
            if (status > 0 && status < 500 && !locked) {
                throw new SalesforceRejectedException(call, status, errors, RetryBackoff.describe(failure));
            }
            failures++;
            if (failures >= clientConfig.retry().maxAttempts()) {
                if (locked) {
                    throw new SalesforceRejectedException(call + " after " + failures + " attempts", status, errors,
                            RetryBackoff.describe(failure));
                }
                throw new VendorUnavailableException(VENDOR + " " + call + " failed after " + failures
                        + " attempts: " + RetryBackoff.describe(failure), failure);
            }
            LOG.warnf("salesforce %s failed (%s), attempt %d of %d", call,
                    locked ? SalesforceError.describe(errors) : RetryBackoff.describe(failure), failures,
                    clientConfig.retry().maxAttempts());
            RetryBackoff.sleepAfter(failures, clientConfig.retry());
        }
    }

    /** Creates the component and logs in (the only call made before the first operation). */
    private synchronized void start() {
        if (started) {
            return;
        }
        if (!config.enabled()) {
            throw new IllegalStateException("Salesforce is not enabled: set salesforce.enabled=true");
        }
        if (config.apiSharePercent() < 1 || config.apiSharePercent() > 100) {
            throw new IllegalStateException("salesforce.api-share-percent must be 1 to 100, not "
                    + config.apiSharePercent());
        }
        SalesforceComponent component = new SalesforceComponent(camel);
        component.setLoginUrl(config.loginUrl());
        component.setClientId(required(config.clientId().orElse(null), "salesforce.client-id"));
        if (config.auth() == SalesforceConfig.Auth.JWT_BEARER) {
            component.setAuthenticationType(AuthenticationType.JWT);
            component.setUserName(required(config.username().orElse(null), "salesforce.username"));
            KeyStoreParameters keystore = new KeyStoreParameters();
            keystore.setKeyStore(PemKeyStore.of(required(config.jwtPrivateKey().orElse(null),
                    "salesforce.jwt-private-key")));
            keystore.setPassword("");
            component.setKeystore(keystore);
            component.setJwtAudience(config.jwtAudience());
        } else {
            component.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
            component.setClientSecret(required(config.clientSecret().orElse(null), "salesforce.client-secret"));
        }
        component.setLazyLogin(true);
        component.setHttpRequestTimeout(clientConfig.http().timeout().toMillis());
        // a lookup's SOQL travels in the URL (up to SalesforceClient.MAX_IN_LIST_CHARS); Jetty's default is 4 KB
        component.setHttpRequestBufferSize(REQUEST_BUFFER_BYTES);
        SalesforceEndpointConfig endpoints = new SalesforceEndpointConfig();
        endpoints.setApiVersion(config.apiVersion());
        endpoints.setRawPayload(true);
        endpoints.setFormat(PayloadFormat.JSON);
        component.setConfig(endpoints);
        camel.addComponent(COMPONENT, component);
        try {
            ServiceHelper.startService(component);
            login(component);
        } catch (RuntimeException e) {
            camel.removeComponent(COMPONENT);
            throw e;
        }
        started = true;
    }

    private void login(SalesforceComponent component) {
        int failures = 0;
        while (true) {
            try {
                component.getSession().login(null);
                count("login", "200");
                return;
            } catch (SalesforceException e) {
                count("login", e.getStatusCode() == 0 ? "error" : Integer.toString(e.getStatusCode()));
                if (e.getStatusCode() == 400) {
                    throw new SalesforceRejectedException("login at " + config.loginUrl(), 400, errors(e),
                            RetryBackoff.describe(e));
                }
                failures++;
                if (failures >= clientConfig.retry().maxAttempts()) {
                    throw new VendorUnavailableException(VENDOR + " login at " + config.loginUrl() + " failed after "
                            + failures + " attempts: " + RetryBackoff.describe(e), e);
                }
                RetryBackoff.sleepAfter(failures, clientConfig.retry());
            }
        }
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("salesforce.enabled=true needs " + key);
        }
        return value;
    }

    private static SalesforceException salesforceException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SalesforceException e) {
                return e;
            }
        }
        return null;
    }

    private List<SalesforceError> errors(SalesforceException e) {
        if (e == null) {
            return List.of();
        }
        if (e.getErrors() != null && !e.getErrors().isEmpty()) {
            return e.getErrors().stream().map(SalesforceConnector::error).toList();
        }
        return errorsInMessage(e.getMessage());
    }

    /** The raw operation leaves Salesforce's error array unparsed, as the exception's message. */
    private List<SalesforceError> errorsInMessage(String message) {
        int start = message == null ? -1 : message.indexOf("[{");
        if (start < 0) {
            return List.of();
        }
        try {
            return mapper.readValue(message.substring(start), ERROR_ARRAY).stream().map(SalesforceError::of).toList();
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static SalesforceError error(RestError e) {
        return new SalesforceError(e.getErrorCode(), e.getMessage(), e.getFields());
    }

    private void count(String label, String status) {
        metrics.counter("contactsync.vendor.calls", "vendor", VENDOR, "operation", label, "status", status)
                .increment();
    }
}
