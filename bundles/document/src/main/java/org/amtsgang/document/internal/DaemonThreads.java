package org.amtsgang.document.internal;

import java.util.concurrent.ThreadFactory;

/** Threads of the document area's pools: named, so a thread dump says whose they are; daemons, so none holds up a stop. */
public final class DaemonThreads {

    private DaemonThreads() {}

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            // a new thread takes its creator's priority: an I/O thread first needed by a background
            // job (a receipt filed by the payment jobs) would serve downloads at that job's low one
            t.setPriority(Thread.NORM_PRIORITY);
            return t;
        };
    }
}
