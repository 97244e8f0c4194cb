package dev.unkd.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the served model file on SIGHUP, the Unix convention for "re-read your files". Uses
 * sun.misc.Signal, which not every JVM or platform offers (no SIGHUP on Windows; -Xrs): then the
 * HTTP reload route is the only way, and {@link #install} says so instead of failing. A process
 * started with SIGHUP ignored (under {@code nohup}) keeps ignoring it: HotSpot then accepts the
 * handler without installing it, so {@link #install} checks for that and says so too.
 */
public final class ReloadSignal {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);

    private ReloadSignal() {
    }

    /** Returns whether the handler was installed. */
    public static boolean install(RecommendationService service) {
        try {
            sun.misc.Signal hup = new sun.misc.Signal("HUP");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(hup, signal -> reload(service));
            if (previous == sun.misc.SignalHandler.SIG_IGN) {
                sun.misc.Signal.handle(hup, sun.misc.SignalHandler.SIG_IGN); // keep what the process was started with
                LOG.info("SIGHUP is ignored by this process (started under nohup?), so it cannot reload; use POST /v1/admin/reload");
                return false;
            }
            return true;
        } catch (LinkageError | RuntimeException e) {
            LOG.info("SIGHUP reload not available ({}); use POST /v1/admin/reload", e.toString());
            return false;
        }
    }

    /** Runs on the JVM's signal thread; a failed reload is logged and the previous model keeps serving. */
    private static void reload(RecommendationService service) {
        String before = service.snapshot().version();
        try {
            ServingSnapshot after = service.reload();
            LOG.info("SIGHUP: reloaded {}: now serving {} (was {})", after.modelFile(), after.version(), before);
        } catch (Exception e) {
            LOG.warn("SIGHUP: reload refused, still serving {}: {}", before, e.getMessage());
        }
    }
}
