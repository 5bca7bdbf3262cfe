package org.amtsgang.document.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The thread that delivers one of the area's outbox tables: {@link #wake} has it deliver soon, and
 * wakes while a delivery is still queued count once (a thousand changes in a second wake it once
 * or twice, not a thousand times). Other work for the same target runs on the same thread, so it
 * never interleaves with a delivery.
 */
public final class Outbox {

    private final ExecutorService worker;
    private final Runnable deliver;
    private final AtomicBoolean queued = new AtomicBoolean();

    public Outbox(String threadName, Runnable deliver) {
        ThreadFactory daemons = DaemonThreads.named(threadName);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = daemons.newThread(r);
            t.setPriority(Thread.MIN_PRIORITY); // after the requests (see bin/setenv)
            return t;
        });
        this.deliver = deliver;
    }

    /** Delivers soon; nothing once stopped. */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    queued.set(false);
                    deliver.run();
                });
            } catch (RejectedExecutionException stopping) {
                queued.set(false);
            }
        }
    }

    /** Runs other work on the delivering thread; nothing once stopped. */
    public void execute(Runnable work) {
        try {
            worker.execute(work);
        } catch (RejectedExecutionException stopping) {
            // stopping: the work is not needed any more
        }
    }

    /** Runs other work on the delivering thread, for its result. */
    public <T> Future<T> submit(Callable<T> work) {
        return worker.submit(work);
    }

    /** Lets the delivery under way finish (30 s at most). */
    public void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(30, TimeUnit.SECONDS);
    }
}
