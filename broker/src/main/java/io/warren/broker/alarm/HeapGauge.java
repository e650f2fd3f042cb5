package io.warren.broker.alarm;

/**
 * Where {@link MemoryMonitor} reads the heap. {@link JvmHeapGauge} is the real one; the interface
 * lets the monitor's rules be exercised with figures chosen by a test. Implementations must be
 * safe to call from any thread.
 */
public interface HeapGauge {

    /** The heap in use, in bytes, as the last garbage collection left it: live data, not garbage. */
    long usedBytes();

    /** Asks the JVM for a full collection, returning once it has run. */
    void collect();

    /**
     * Calls {@code listener} after each garbage collection, on a JVM notification thread, until
     * the returned handle is closed. A gauge that cannot tell may never call it.
     */
    AutoCloseable onCollection(Runnable listener);
}
