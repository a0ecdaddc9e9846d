package dev.parallax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.store.Store;
import dev.parallax.server.ParallaxServer;
import dev.parallax.server.ServerConfig;
import dev.parallax.store.SqliteStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Loads a corpus into a temporary store, starts the server on a random loopback port and drives it from a few virtual
 * threads with a fixed number of requests per endpoint (after a warm-up that is not counted), reporting requests/s
 * and latency percentiles. Bounded in count and in time; nothing leaves the machine.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Ingests a corpus into a temporary store, starts the server on 127.0.0.1 (random port) and "
                + "sends it a fixed number of GET requests per endpoint from a few concurrent clients, after a "
                + "warm-up; reports requests/s and p50/p99 latency per endpoint."})
final class BenchServe implements Callable<Integer> {
    @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "Articles to load.")
    Path corpus;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "Concurrent clients, 2 to 8 (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "2000",
            description = "Measured requests per endpoint, 1 to 100000 (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "300",
            description = "Unmeasured requests per endpoint first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "120",
            description = "Stop an endpoint's run after this long, reporting what completed (default: ${DEFAULT-VALUE}).")
    int maxSeconds;

    @Mixin
    Output output;

    /** One endpoint: the i-th request's path. */
    private record Endpoint(String name, IntFunction<String> path) {}

    /** What one run measured. */
    private record Run(int completed, int failed, double seconds, long[] nanos) {
        double perSecond() {
            return completed / seconds;
        }

        double percentileMs(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100 * nanos.length) - 1;
            return nanos[Math.max(0, Math.min(nanos.length - 1, i))] / 1e6;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (concurrency < 2 || concurrency > 8) {
            throw usage("--concurrency must be from 2 to 8, not " + concurrency);
        }
        if (requests < 1 || requests > 100_000 || warmup < 0 || warmup > 100_000) {
            throw usage("--requests must be from 1 to 100000 and --warmup from 0"
                    + " to 100000");
        }
        if (maxSeconds < 1 || maxSeconds > 600) {
            throw usage("--max-seconds must be from 1 to 600");
        }
        List<RawArticle> batch = BenchCommand.read(corpus);
        ObjectNode r = Json.object();
        r.put("corpus", corpus.toString());
        try (Store store = SqliteStore.temporary()) {
            long t0 = System.nanoTime();
            try (Progress progress = new Progress("Loading", batch.size())) {
                Pipelines.standard(store).ingest(batch, progress);
            }
            r.put("loadSeconds", round((System.nanoTime() - t0) / 1e9, 2));
            List<String> stories = store.stories().stream().map(StorySummary::id).toList();
            if (stories.isEmpty()) {
                throw usage(corpus + " holds no article that could be stored");
            }
            r.put("articles", store.articleCount());
            r.put("stories", stories.size());
            long t1 = System.nanoTime();
            try (ParallaxServer server = ParallaxServer.start(store, ServerConfig.of("127.0.0.1", 0, null))) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                URI base = server.uri();
                // The server resolves every story's entities once, in the background from its start; the first
                // entity request waits for that. Timed from the start, before any measured request.
                get(http, base.resolve("/api/v1/entities?limit=1"));
                r.put("entityIndexReadyMs", Math.round((System.nanoTime() - t1) / 1e6));
                List<Endpoint> endpoints = List.of(
                        new Endpoint("GET /stories/{id} (HTML)", i -> "/stories/" + stories.get(i % stories.size())),
                        new Endpoint("GET /api/v1/stories", i -> List.of("/api/v1/stories",
                                "/api/v1/stories?sort=coverage", "/api/v1/stories?limit=50").get(i % 3)),
                        new Endpoint("GET /api/v1/stories/{id}", i -> "/api/v1/stories/"
                                + stories.get(i % stories.size())));
                ArrayNode results = r.putArray("endpoints");
                for (Endpoint e : endpoints) {
                    drive(http, base, e, warmup, 0);
                    Run run = drive(http, base, e, requests, System.nanoTime() + maxSeconds * 1_000_000_000L);
                    ObjectNode n = results.addObject();
                    n.put("endpoint", e.name());
                    n.put("requests", run.completed());
                    n.put("failed", run.failed());
                    n.put("seconds", round(run.seconds(), 2));
                    n.put("requestsPerSecond", Math.round(run.perSecond()));
                    n.put("p50Ms", round(run.percentileMs(50), 2));
                    n.put("p99Ms", round(run.percentileMs(99), 2));
                }
            }
        }
        r.put("concurrency", concurrency);
        r.put("warmupPerEndpoint", warmup);
        r.put("cores", Runtime.getRuntime().availableProcessors());
        r.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        r.put("java", Runtime.version().toString());
        return output.print(() -> Json.write(r), out -> {
            out.printf("%d articles, %d stories loaded in %.1f s; entity index ready %d ms after start; %d clients,"
                    + " %d cores%n", r.get("articles").asInt(), r.get("stories").asInt(), r.get("loadSeconds").asDouble(),
                    r.get("entityIndexReadyMs").asLong(), concurrency, r.get("cores").asInt());
            r.get("endpoints").forEach(n -> out.printf("  %-28s %6d req/s  p50 %7.2f ms  p99 %7.2f ms  (%d requests,"
                    + " %d failed)%n", n.get("endpoint").asText(), n.get("requestsPerSecond").asLong(),
                    n.get("p50Ms").asDouble(), n.get("p99Ms").asDouble(), n.get("requests").asInt(),
                    n.get("failed").asInt()));
        });
    }

    /**
     * Sends {@code count} requests from {@link #concurrency} virtual threads, each taking the next request number
     * until all are sent or {@code deadline} (a nanoTime; 0 for none) has passed.
     */
    private Run drive(HttpClient http, URI base, Endpoint e, int count, long deadline) throws Exception {
        long[] nanos = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                clients.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count && (deadline == 0 || System.nanoTime() < deadline)) {
                        long t = System.nanoTime();
                        boolean ok;
                        try {
                            ok = get(http, base.resolve(e.path().apply(i)));
                        } catch (IOException x) { // a refused or timed-out request is a failure to report
                            ok = false;
                        }
                        nanos[done.getAndIncrement()] = System.nanoTime() - t;
                        if (!ok) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] measured = Arrays.copyOf(nanos, done.get());
        Arrays.sort(measured);
        return new Run(done.get(), failed.get(), seconds, measured);
    }

    private ParameterException usage(String message) {
        return new ParameterException(output.spec.commandLine(), message);
    }

    /** One GET, its body read in full; true on 200. */
    private static boolean get(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return res.statusCode() == 200;
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
