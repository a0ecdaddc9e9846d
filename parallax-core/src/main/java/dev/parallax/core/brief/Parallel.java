package dev.parallax.core.brief;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the independent steps of one brief update on the calling thread and, when {@link #WAYS} allows, the common
 * pool's threads, so that a long article's update can use several cores: the builder's and the store's save of the
 * brief. Each step writes only its own result, so the outcome is the same whichever thread ran which step; the CPU
 * time of every step is measured on the thread that ran it.
 */
public final class Parallel {
    /** Threads a list of steps can use at most: the caller and the common pool's, one per core. */
    static final int CORES = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
            ForkJoinPool.getCommonPoolParallelism() + 1));

    /**
     * Threads an update uses: the system property {@code parallax.brief.threads} (default 1: every step on the
     * calling thread), at most {@link #CORES}. On the 2-core reference machine one
     * thread was faster even when it was quiet: p50 / max of the Helsinki updates 50 / 130–185 ms against 56–77 /
     * 233–285 ms with two (docs/BENCHMARKS.md, "The cross-source brief"); more threads are for machines with idle cores.
     */
    static final int WAYS = Math.max(1, Math.min(Integer.getInteger("parallax.brief.threads", 1), CORES));

    private static final com.sun.management.ThreadMXBean CPU =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Parallel() {}

    /** One step: its name (for the CPU report) and what it does. */
    public record Step(String name, Runnable work) {}

    /**
     * What running the steps cost: per step its name, its CPU time, the heap it allocated and whether a thread other
     * than the caller ran it.
     */
    public record Cost(List<String> names, long[] nanos, long[] bytes, boolean[] offThread) {}

    /** Heap bytes the calling thread has allocated so far. */
    public static long allocatedBytes() {
        return CPU.getCurrentThreadAllocatedBytes();
    }

    /**
     * Runs the steps, {@link #WAYS} at a time: each thread takes the next step not yet taken, in the given order
     * (longest first balances best). Returns when all are done; a step's exception is thrown here.
     */
    public static Cost run(List<Step> steps) {
        return run(steps, WAYS);
    }

    /** The same, {@code ways} at a time (at most {@link #CORES}). */
    static Cost run(List<Step> steps, int ways) {
        int n = steps.size();
        long[] cpu = new long[n], bytes = new long[n];
        boolean[] off = new boolean[n];
        AtomicInteger next = new AtomicInteger();
        Thread caller = Thread.currentThread();
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) {
                long c = CPU.getCurrentThreadCpuTime(), b = allocatedBytes();
                steps.get(i).work().run();
                cpu[i] = CPU.getCurrentThreadCpuTime() - c;
                bytes[i] = allocatedBytes() - b;
                off[i] = Thread.currentThread() != caller;
            }
        };
        List<ForkJoinTask<?>> helpers = new ArrayList<>();
        for (int w = 1; w < Math.min(Math.min(ways, CORES), n); w++) {
            helpers.add(ForkJoinTask.adapt(worker).fork());
        }
        try {
            worker.run();
        } finally {
            // A helper the pool has not started yet is run (and finds nothing left) by join on this thread.
            helpers.forEach(ForkJoinTask::join);
        }
        return new Cost(steps.stream().map(Step::name).toList(), cpu, bytes, off);
    }

    /** Runs {@code work} for every index in {@code [0, n)}, split into {@link #WAYS} contiguous ranges. */
    static Cost forRanges(String name, int n, RangeWork work) {
        int ways = Math.min(WAYS, n);
        List<Step> steps = new ArrayList<>(ways);
        for (int w = 0; w < ways; w++) {
            int from = (int) ((long) n * w / ways), to = (int) ((long) n * (w + 1) / ways);
            steps.add(new Step(name, () -> work.run(from, to)));
        }
        return run(steps);
    }

    /** Work over the indices {@code [from, to)}. */
    interface RangeWork {
        void run(int from, int to);
    }
}
