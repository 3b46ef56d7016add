package org.privacygateway.graphql;

import java.sql.SQLException;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import org.privacygateway.error.ErrorCode;
import org.privacygateway.error.GatewayException;
import org.privacygateway.member.MemberSourceUnavailableException;
import org.privacygateway.ops.GatewayMetrics;
import org.privacygateway.security.ResponseStatus;

/**
 * Turns a database failure anywhere in an operation (the partner lookup included), or a member source that cannot
 * answer in full, into HTTP 503 with code UNAVAILABLE. Nothing is served: the failing resolver returns no data, and the transaction that would have written
 * the audit rolls back.
 */
@FailClosed
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class FailClosedInterceptor {

    @Inject
    CurrentVertxRequest request;

    @Inject
    GatewayMetrics metrics;

    @AroundInvoke
    Object guard(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (GatewayException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Causes.any(e, c -> c instanceof MemberSourceUnavailableException)) {
                // Already logged by the source, with the failure and never a member or a value.
                ResponseStatus.set(request, 503, "Retry-After", "5");
                throw new GatewayException(ErrorCode.UNAVAILABLE,
                        "The gateway cannot reach the member service right now; nothing was served. Try again shortly.");
            }
            if (!databaseDown(e)) {
                throw e;
            }
            metrics.failClosed("database");
            Log.warnf("Database unavailable during %s: %s", invocation.getMethod().getName(), e.getClass().getSimpleName());
            ResponseStatus.set(request, 503, "Retry-After", "5");
            throw new GatewayException(ErrorCode.UNAVAILABLE,
                    "The gateway cannot reach its database right now; nothing was served. Try again shortly.");
        }
    }

    /** A failure of the database itself, not of a statement: connection refused, pool exhausted, server gone. */
    static boolean databaseDown(Throwable t) {
        return Causes.any(t, c -> c instanceof SQLException sql && (sql.getSQLState() == null
                || sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
                || sql.getSQLState().startsWith("53"))
                || c.getClass().getSimpleName().equals("JDBCConnectionException"));
    }
}
