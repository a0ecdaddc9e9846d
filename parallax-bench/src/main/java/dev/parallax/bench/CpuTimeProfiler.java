package dev.parallax.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Operations per CPU-second of the benchmark JVM, beside JMH's operations per wall-clock second: on a machine that
 * other processes share, wall-clock throughput measures the load as much as the code, while the CPU time the JVM
 * spent does not. The CPU time is the whole process's (the benchmark thread, plus GC and JIT threads), so for a
 * single-threaded benchmark the figure is a per-core throughput that also pays for the garbage it makes.
 *
 * <p>Use: {@code java -jar benchmarks.jar BENCHMARK -prof dev.parallax.bench.CpuTimeProfiler}; it reports
 * {@code ·cpu} in ops per CPU-second.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "operations per CPU-second of the benchmark process";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
            IterationResult result) {
        double cpuSeconds = (os.getProcessCpuTime() - cpuAtStart) / 1e9;
        return List.of(new ScalarResult("cpu", result.getMetadata().getMeasuredOps() / cpuSeconds, "ops/cpu-s",
                AggregationPolicy.AVG));
    }
}
