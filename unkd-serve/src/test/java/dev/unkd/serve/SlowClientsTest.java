package dev.unkd.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unkd.data.Dataset;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients must not starve normal ones: 250 connections on 127.0.0.1 that send a POST's
 * headers and then trickle the body one byte at a time, while a normal GET is timed. Bounded:
 * 250 sockets, the trickle stops after 12 s, the test after 60 s.
 */
class SlowClientsTest {
    private static final int SLOW_CONNECTIONS = 250;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aGetStaysFastWhile250ConnectionsTrickleTheirBodies() throws Exception {
        Dataset data = ServeFixture.writeSplit(dir.resolve("split"));
        Path model = ServeFixture.saveModel(data, dir.resolve("a.unkd"), 4, 1);
        try (RecommendationServer server = new RecommendationServer(RecommendationService.open(model, data), ServiceLimits.defaults())
                .start("127.0.0.1", 0)) {
            TestHttp http = new TestHttp(server.port());
            assertThat(http.get("/health").statusCode()).isEqualTo(200);
            List<Socket> slow = new ArrayList<>();
            AtomicBoolean trickling = new AtomicBoolean(true);
            Thread trickler = new Thread(() -> trickle(slow, trickling), "trickler");
            try {
                byte[] head = ("POST /v1/recommendations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII);
                for (int c = 0; c < SLOW_CONNECTIONS; c++) {
                    Socket s = new Socket("127.0.0.1", server.port());
                    s.getOutputStream().write(head);
                    s.getOutputStream().flush();
                    slow.add(s);
                }
                trickler.start();
                Thread.sleep(2_000); // let the server dispatch them
                double[] millis = new double[5];
                for (int r = 0; r < millis.length; r++) {
                    long t0 = System.nanoTime();
                    assertThat(http.get("/v1/users/alice/recommendations?k=3").statusCode()).isEqualTo(200);
                    millis[r] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(millis);
                System.out.printf("slow-body: %d trickling connections open; GET latency min %.1f ms, median %.1f ms, max %.1f ms%n",
                        SLOW_CONNECTIONS, millis[0], millis[2], millis[4]);
                assertThat(millis[4]).as("slowest GET in ms").isLessThan(2_000);
            } finally {
                trickling.set(false);
                trickler.join(5_000);
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    /** One space per connection every 200 ms (a valid JSON body, never finished), for at most 12 s. */
    private static void trickle(List<Socket> sockets, AtomicBoolean on) {
        long end = System.nanoTime() + 12_000_000_000L;
        while (on.get() && System.nanoTime() < end) {
            for (Socket s : sockets) {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(' ');
                    out.flush();
                } catch (IOException closedByTheServer) {
                    // expected once the server gives up on the connection
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
