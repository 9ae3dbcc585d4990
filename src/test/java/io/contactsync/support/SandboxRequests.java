package io.contactsync.support;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.specification.RequestSpecification;

/** RestAssured requests to the sandbox's own HTTP server (the vendors' APIs and control endpoints), not to the app. */
public final class SandboxRequests {

    private SandboxRequests() {
    }

    public static RequestSpecification toSandbox() {
        return given().port(ConfigProvider.getConfig().getValue("sandbox.port", Integer.class));
    }
}
