package dev.unkd.serve;

import java.util.Optional;

/**
 * What one request may ask of the service, and who may administer it.
 *
 * @param defaultK      list length when a request gives none
 * @param maxK          largest list length accepted (larger: 400)
 * @param maxBatchUsers most users in one batch request, and most items in one fold-in request (more: 400)
 * @param maxBodyBytes  largest request body (larger: 413)
 * @param fallback      what unknown users get instead of a 404 ({@link Fallback#NONE}: the 404)
 * @param adminToken    bearer token the admin routes require; empty: admin routes are disabled (403)
 */
public record ServiceLimits(int defaultK, int maxK, int maxBatchUsers, long maxBodyBytes, Fallback fallback,
        Optional<String> adminToken) {
    public ServiceLimits {
        if (fallback == null) {
            throw new IllegalArgumentException("Invalid fallback: null");
        }
        if (maxK < 1) {
            throw new IllegalArgumentException("Invalid max k: " + maxK);
        }
        if (defaultK < 1 || defaultK > maxK) {
            throw new IllegalArgumentException("Invalid default k: " + defaultK + " (must be in 1.." + maxK + ")");
        }
        if (maxBatchUsers < 1) {
            throw new IllegalArgumentException("Invalid max batch size: " + maxBatchUsers);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("Invalid max body size: " + maxBodyBytes);
        }
        adminToken = adminToken.filter(t -> !t.isEmpty());
    }

    /** k 20 (max 1000), batches of up to 1000 users, bodies up to 1 MiB, 404 for unknown users, admin routes disabled. */
    public static ServiceLimits defaults() {
        return new ServiceLimits(20, 1000, 1000, 1 << 20, Fallback.NONE, Optional.empty());
    }

    public ServiceLimits withAdminToken(String token) {
        return new ServiceLimits(defaultK, maxK, maxBatchUsers, maxBodyBytes, fallback, Optional.ofNullable(token));
    }

    public ServiceLimits withFallbackPopular(boolean popular) {
        return withFallback(popular ? Fallback.POPULAR : Fallback.NONE);
    }

    public ServiceLimits withFallback(Fallback mode) {
        return new ServiceLimits(defaultK, maxK, maxBatchUsers, maxBodyBytes, mode, adminToken);
    }
}
