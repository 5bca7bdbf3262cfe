package org.amtsgang.itests;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that keeps asking the platform while something else happens, and remembers every answer
 * that was not a success.
 */
final class EndpointPoller implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong requests = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    EndpointPoller(List<String> paths) {
        thread = new Thread(
                () -> {
                    int i = 0;
                    while (running.get()) {
                        String path = paths.get(i++ % paths.size());
                        try {
                            HttpResponse<String> response = PlatformTestSupport.get(path);
                            if (response.statusCode() != 200) {
                                failures.add(path + " -> " + response.statusCode() + " " + response.body());
                            }
                        } catch (RuntimeException e) {
                            failures.add(path + " -> " + e);
                        }
                        requests.incrementAndGet();
                    }
                },
                "itest-poller");
        thread.start();
    }

    long requests() {
        return requests.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops asking and waits for the last answer; safe to call twice. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
