package org.amtsgang.document.internal;

import java.util.concurrent.ThreadFactory;

/** Threads of the document area's pools: named, so a thread dump says whose they are; daemons, so none holds up a stop. */
public final class DaemonThreads {

    private DaemonThreads() {}

    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
