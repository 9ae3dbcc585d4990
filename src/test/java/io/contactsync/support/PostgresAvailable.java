package io.contactsync.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** PostgreSQL tests run when a server answers on localhost:5432, and always with CI=true (then they must pass). */
public class PostgresAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: PostgreSQL tests are mandatory");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", 5432), 500);
            return ConditionEvaluationResult.enabled("PostgreSQL reachable on localhost:5432");
        } catch (IOException e) {
            return ConditionEvaluationResult.disabled("no PostgreSQL on localhost:5432 (" + e.getMessage()
                    + "): PostgreSQL tests skipped; start it and create database contactsync_test, or run .ci/run");
        }
    }
}
