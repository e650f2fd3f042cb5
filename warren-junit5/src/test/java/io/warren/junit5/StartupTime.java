package io.warren.junit5;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * How long an embedded Warren takes to start and to stop, as the extension starts it (a
 * measurement, not a test: nothing here asserts a time). The first start in a fresh JVM pays for
 * loading the broker's classes, as the first test class using the extension does; the later ones
 * are what each further class, or each test with a per-test broker, pays.
 *
 * <pre>
 * mvn -B -q -o -pl warren-junit5 -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/warren-junit5.cp -Dmdep.includeScope=test
 * java -cp warren-junit5/target/test-classes:warren-junit5/target/classes:$(cat /tmp/warren-junit5.cp) \
 *     io.warren.junit5.StartupTime 50
 * </pre>
 */
public final class StartupTime {
    private StartupTime() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long[] starts = new long[rounds];
        long[] stops = new long[rounds];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long firstStartCpu = 0;
        for (int i = 0; i < rounds; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            EmbeddedWarren warren = WarrenExtension.builder().start();
            long t1 = System.nanoTime();
            if (i == 0) {
                firstStartCpu = threads.getCurrentThreadCpuTime() - cpu;
            }
            warren.close();
            long t2 = System.nanoTime();
            starts[i] = t1 - t0;
            stops[i] = t2 - t1;
        }
        // The CPU time of the starting thread tells what a quiet machine would take when others
        // compete for the cores: the first start is mostly class loading on this thread.
        System.out.printf("first start %.1f ms (%.1f ms CPU on the starting thread), first stop %.1f ms (fresh JVM)%n",
                ms(starts[0]), ms(firstStartCpu), ms(stops[0]));
        if (rounds > 1) {
            long[] laterStarts = Arrays.copyOfRange(starts, 1, rounds);
            long[] laterStops = Arrays.copyOfRange(stops, 1, rounds);
            System.out.printf("next %d starts: %s%n", rounds - 1, summary(laterStarts));
            System.out.printf("next %d stops:  %s%n", rounds - 1, summary(laterStops));
        }
    }

    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("median %.1f ms, p90 %.1f ms, max %.1f ms", ms(sorted[sorted.length / 2]),
                ms(sorted[(int) Math.min(sorted.length - 1, Math.round(sorted.length * 0.9))]), ms(sorted[sorted.length - 1]));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
