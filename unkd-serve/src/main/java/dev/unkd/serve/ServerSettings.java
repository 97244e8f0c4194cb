package dev.unkd.serve;

import java.time.Duration;

/**
 * How the HTTP server protects itself from slow, idle or too many clients, and how it stops.
 * Values are validated here, like {@link ServiceLimits}.
 *
 * @param idleTimeout    a connection with no traffic for this long is closed (keep-alive included)
 * @param bodyTimeout    a request body must arrive completely within this time (slower: 408); also
 *                       the longest a request thread waits on one blocked read or write
 * @param maxConnections connections open at once; beyond it the server stops accepting until one closes
 * @param maxBodyReaders requests reading a body at once (each holds a thread while it reads); beyond it: 503
 * @param grace          how long a stop waits for requests in flight before it ends them
 */
public record ServerSettings(Duration idleTimeout, Duration bodyTimeout, int maxConnections, int maxBodyReaders, Duration grace) {
    public ServerSettings {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid idle timeout: " + idleTimeout);
        }
        if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid body timeout: " + bodyTimeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("Invalid max connections: " + maxConnections);
        }
        if (maxBodyReaders < 1) {
            throw new IllegalArgumentException("Invalid max body readers: " + maxBodyReaders);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("Invalid grace period: " + grace);
        }
    }

    /**
     * Idle connections closed after 15 s, bodies within 10 s, 1000 connections, 32 concurrent body
     * reads (of Javalin's 250 request threads, so reads and GETs never starve each other), 10 s grace.
     */
    public static ServerSettings defaults() {
        return new ServerSettings(Duration.ofSeconds(15), Duration.ofSeconds(10), 1000, 32, Duration.ofSeconds(10));
    }

    public ServerSettings withGrace(Duration grace) {
        return new ServerSettings(idleTimeout, bodyTimeout, maxConnections, maxBodyReaders, grace);
    }

    public ServerSettings withMaxConnections(int max) {
        return new ServerSettings(idleTimeout, bodyTimeout, max, maxBodyReaders, grace);
    }

    public ServerSettings withBodyTimeout(Duration timeout) {
        return new ServerSettings(idleTimeout, timeout, maxConnections, maxBodyReaders, grace);
    }
}
