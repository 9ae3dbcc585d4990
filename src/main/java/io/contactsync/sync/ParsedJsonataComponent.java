package io.contactsync.sync;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Endpoint;
import org.apache.camel.component.jsonata.JsonataComponent;
import org.apache.camel.component.jsonata.JsonataFrameBinding;
import org.apache.camel.support.ResourceHelper;

/**
 * The {@code jsonata:} component of the routes and jobs: Camel's, except that its endpoints parse each mapping once
 * ({@link ParsedJsonataEndpoint}) where Camel's parse it again for every exchange. Same URI and options.
 */
@ApplicationScoped
@Named("jsonata")
public class ParsedJsonataComponent extends JsonataComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        boolean contentCache = getAndRemoveParameter(parameters, "contentCache", Boolean.class, isContentCache());
        JsonataFrameBinding frameBinding = resolveAndRemoveReferenceParameter(parameters, "frameBinding",
                JsonataFrameBinding.class);
        ParsedJsonataEndpoint endpoint = new ParsedJsonataEndpoint(uri, this, remaining,
                frameBinding != null ? frameBinding : getFrameBinding());
        endpoint.setContentCache(contentCache);
        endpoint.setAllowTemplateFromHeader(isAllowTemplateFromHeader());
        if (ResourceHelper.isHttpUri(remaining)) {
            endpoint.setResourceUri(ResourceHelper.appendParameters(remaining, parameters));
        }
        return endpoint;
    }
}
